namespace Complaints.Domain;

/// <summary>The input itself is wrong (HTTP 400); <see cref="Errors"/> names each field.</summary>
public sealed class InvalidCommandException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The command has invalid fields: " + string.Join(", ", errors.Keys))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>The input is well formed but the complaint's current state does not allow it (HTTP 409).</summary>
public sealed class CommandNotAllowedException(string reason, string status, IReadOnlyList<string> allowedActions)
    : Exception(reason)
{
    public string Status { get; } = status;
    public IReadOnlyList<string> AllowedActions { get; } = allowedActions;
}

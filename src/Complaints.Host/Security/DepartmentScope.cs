using System.Security.Claims;
using Complaints.Host.WebConsole;

namespace Complaints.Host.Security;

/// <summary>
/// A token of the department role that carries a <c>department</c> claim works in that department only, unless it
/// also holds another role the same policy admits (which works across departments): it sees that department's work
/// and signs for that department alone (docs/security.md).
/// </summary>
public static class DepartmentScope
{
    /// <summary>The department <paramref name="user"/> is confined to under <paramref name="policy"/>, or null.</summary>
    public static string? Of(ClaimsPrincipal user, string policy) =>
        user.IsInRole(Roles.Department) && !Policies.RolesFor[policy].Any(r => r != Roles.Department && user.IsInRole(r))
            ? ConsoleUser.DepartmentOf(user)
            : null;
}

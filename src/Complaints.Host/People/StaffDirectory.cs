using Complaints.Domain;
using Complaints.Domain.Deadlines;
using Complaints.Domain.Workflow;
using MimeKit;
using NodaTime;

namespace Complaints.Host.People;

/// <summary>The languages messages are written in (docs/notifications.md).</summary>
public static class Languages
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static readonly IReadOnlyList<string> All = [Chinese, English];
}

public sealed record DirectoryPerson(string Name, string Email, string Language);

/// <summary>
/// Who holds one role for one department in one region (procedure §8): what an escalation level, a warning or a
/// registration notice resolves to. <see cref="Revision"/> counts its changes; each is kept as a <see cref="DirectoryChange"/>.
/// </summary>
public sealed class DirectoryEntry
{
    public string Id { get; set; } = "";
    public string Region { get; set; } = "";
    public string Department { get; set; } = "";
    public string Role { get; set; } = "";
    public List<DirectoryPerson> People { get; set; } = [];
    public int Revision { get; set; }
    public Instant ChangedAt { get; set; }
    public string ChangedBy { get; set; } = "";

    public static string IdOf(string region, string department, EscalationRole role) =>
        $"{region}/{department}/{WireNames.Of(role)}".ToLowerInvariant();

    public static string IdOf(Recipient.Staff staff) => IdOf(staff.Region, staff.Department, staff.Role);
}

/// <summary>One change of the directory, never altered: who set which people for an entry, and when.</summary>
public sealed class DirectoryChange
{
    public string Id { get; set; } = "";
    public string EntryId { get; set; } = "";
    public int Revision { get; set; }
    public List<DirectoryPerson> People { get; set; } = [];
    public Instant ChangedAt { get; set; }
    public string ChangedBy { get; set; } = "";
    public string? CorrelationId { get; set; }
}

/// <summary>
/// The departments and regions people may be listed for. Departments are configured (<c>Directory:Departments</c>);
/// regions are those the calendars know, so a typo cannot create an entry nobody is ever looked up in.
/// </summary>
public sealed class DirectoryOptions
{
    public const string Section = "Directory";

    public const int MaxPeople = 50;

    public List<string> Departments { get; set; } = [];

    /// <summary>The configured departments, or the defaults (a list with defaults would have the configured ones appended).</summary>
    public IReadOnlyList<string> Known => Departments.Count > 0
        ? Departments
        : [Recipients.CustomerService, Recipients.GmOffice, "maintenance", "after-sales", "sales", "finance"];

    public IEnumerable<string> Problems()
    {
        for (var i = 0; i < Departments.Count; i++)
            if (string.IsNullOrWhiteSpace(Departments[i]) || Departments[i].Length > Validator.MaxLineLength
                || Departments[i].Any(c => char.IsControl(c) || c == '/'))
                yield return $"Departments:{i} must be a single line without '/' of at most {Validator.MaxLineLength} characters.";
    }
}

/// <summary>Checks a directory change; every problem is named by its field.</summary>
public static class DirectoryInput
{
    public sealed record PersonForm(string? Name, string? Email, string? Language);

    public sealed record EntryForm(List<PersonForm?>? People);

    public static (string Region, string Department, EscalationRole Role, List<DirectoryPerson> People) Validate(
        string region, string department, string role, EntryForm? body, IReadOnlyCollection<string> regions,
        IReadOnlyList<string> departments)
    {
        var v = new Validator();
        var knownRegion = regions.FirstOrDefault(r => string.Equals(r, region.Trim(), StringComparison.OrdinalIgnoreCase));
        if (knownRegion is null) v.Add("region", $"must be one of: {string.Join(", ", regions.Order())}");
        var knownDepartment = departments.FirstOrDefault(d => string.Equals(d, department.Trim(), StringComparison.OrdinalIgnoreCase));
        if (knownDepartment is null) v.Add("department", $"must be one of: {string.Join(", ", departments)}");
        var parsedRole = v.Choice<EscalationRole>(role, "role");

        var people = new List<DirectoryPerson>();
        if (body?.People is null) v.Add("people", "is required (an empty list removes everyone)");
        else if (body.People.Count > DirectoryOptions.MaxPeople) v.Add("people", $"holds more than {DirectoryOptions.MaxPeople} people");
        else
            for (var i = 0; i < body.People.Count; i++)
            {
                var field = $"people[{i}]";
                if (body.People[i] is not { } person)
                {
                    v.Add(field, "is required");
                    continue;
                }
                var name = v.Line(person.Name, $"{field}.name");
                var email = v.Line(person.Email, $"{field}.email");
                if (email.Length > 0 && !IsMailbox(email)) v.Add($"{field}.email", "is not an email address");
                else if (people.Any(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase)))
                    v.Add($"{field}.email", "is listed twice");
                var language = person.Language is null ? Languages.Chinese
                    : Languages.All.FirstOrDefault(l => string.Equals(l, person.Language.Trim(), StringComparison.OrdinalIgnoreCase));
                if (language is null) v.Add($"{field}.language", $"must be one of: {string.Join(", ", Languages.All)}");
                people.Add(new DirectoryPerson(name, email, language ?? Languages.Chinese));
            }
        v.ThrowIfInvalid();
        return (knownRegion!, knownDepartment!, parsedRole, people);
    }

    /// <summary>A bare address (<c>local@domain</c>, no display name), as MIME parses it.</summary>
    public static bool IsMailbox(string address) =>
        MailboxAddress.TryParse(address, out var mailbox) && mailbox.Address == address.Trim()
        && mailbox.Address.IndexOf('@') is > 0 and var at && at < mailbox.Address.Length - 1
        && !mailbox.Address.Any(char.IsWhiteSpace);
}

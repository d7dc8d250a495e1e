using Complaints.Domain;
using Complaints.Host.Complaints.StaffWork;
using Complaints.Host.Reports;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using NodaTime;

namespace Complaints.Host.WebConsole.Pages;

/// <summary>
/// What waits for the signed-in person (the steps of complaints they own) and for their department (the session's
/// department claim) or their role (the GM office's confirmations and approvals, leadership's), soonest due first: the staff-work read model, asked exactly as <c>GET /api/work</c> asks it
/// (<see cref="WorkEndpoint.QueryAsync"/>), so a department's people see their own department's work only.
/// </summary>
[Authorize(Policy = Policies.ReadWork)]
public sealed class WorklistModel(AnalyticsDatabase database, InputBounds bounds, IClock clock) : ConsolePage
{
    public const int Size = 200;

    public WorkPage? Mine { get; private set; }
    public WorkPage? OfDepartment { get; private set; }
    public string? Department { get; private set; }

    /// <summary>The steps of the GM office or customer-service leadership, for someone in that role.</summary>
    public WorkPage? OfRole { get; private set; }
    public bool MayRegister { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        MayRegister = await MayAsync(Policies.Register);
        Department = ConsoleUser.DepartmentOf(User) is { Length: > 0 } department && !string.IsNullOrWhiteSpace(department)
            ? department.Trim()
            : null;
        Task<WorkPage> Work(string? of, string? role, string? owner) =>
            WorkEndpoint.QueryAsync(User, of, role, owner, null, 1, Size, database, bounds, clock, ct);
        Mine = await Work(null, null, User.Identity?.Name);
        if (Department is not null) OfDepartment = await Work(Department, null, null);
        if (new[] { Roles.GmOffice, Roles.CsLeadership }.FirstOrDefault(User.IsInRole) is { } role) OfRole = await Work(null, role, null);
    }
}

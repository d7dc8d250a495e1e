using Complaints.Domain;
using Complaints.Host.Complaints.StaffWork;
using Complaints.Host.Reports;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using NodaTime;

namespace Complaints.Host.WebConsole.Pages;

/// <summary>
/// What waits for the signed-in person (the steps of complaints they own) and for their department (the session's
/// department claim), soonest due first: the staff-work read model, asked exactly as <c>GET /api/work</c> asks it
/// (<see cref="WorkEndpoint.QueryAsync"/>), so a department's people see their own department's work only.
/// </summary>
[Authorize(Policy = Policies.ReadWork)]
public sealed class WorklistModel(AnalyticsDatabase database, InputBounds bounds, IClock clock) : ConsolePage
{
    public const int Size = 200;

    public WorkPage? Mine { get; private set; }
    public WorkPage? OfDepartment { get; private set; }
    public string? Department { get; private set; }
    public bool MayRegister { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        MayRegister = await MayAsync(Policies.Register);
        Department = ConsoleUser.DepartmentOf(User) is { Length: > 0 } department && !string.IsNullOrWhiteSpace(department)
            ? department.Trim()
            : null;
        Task<WorkPage> Work(string? of, string? owner) =>
            WorkEndpoint.QueryAsync(User, of, owner, null, 1, Size, database, bounds, clock, ct);
        Mine = await Work(null, User.Identity?.Name);
        if (Department is not null) OfDepartment = await Work(Department, null);
    }
}

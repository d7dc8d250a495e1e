using Complaints.Domain;
using Complaints.Host.Reports;
using Complaints.Host.Reports.Ledger;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;

namespace Complaints.Host.WebConsole.Pages;

/// <summary>
/// What waits for the signed-in person: the open complaints (of their department, for a department) whose next step
/// is theirs, soonest due first. Read from the ledger until the staff-work read model exists (ADR 0023).
/// </summary>
[Authorize(Policy = Policies.ReadComplaint)]
public sealed class WorklistModel(AnalyticsDatabase database, InputBounds bounds) : ConsolePage
{
    public const int Size = 200;

    /// <summary>Whose step each open status waits for: the roles whose policy admits the step's command.</summary>
    private static readonly IReadOnlyDictionary<string, string> StatusPolicy = new Dictionary<string, string>
    {
        ["awaiting-forward"] = Policies.Forward,
        ["awaiting-acknowledgement"] = Policies.HandleInDepartment,
        ["awaiting-verification"] = Policies.HandleInDepartment,
        ["awaiting-confirmation"] = Policies.Confirm,
        ["awaiting-action-plan"] = Policies.HandleInDepartment,
        ["awaiting-plan-approval"] = Policies.ReviewPlan,
        ["awaiting-customer-response"] = Policies.RecordCustomerAnswer,
        ["awaiting-execution"] = Policies.HandleInDepartment,
        ["awaiting-execution-acceptance"] = Policies.AcceptExecution,
        ["awaiting-handling-report"] = Policies.WriteHandlingReport,
        ["awaiting-report-approval"] = Policies.ReviewHandlingReport,
        ["ready-to-close"] = Policies.Close
    };

    public LedgerPage? Rows { get; private set; }
    public string? Department { get; private set; }
    public bool MayRegister { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        MayRegister = await MayAsync(Policies.Register);
        var mine = new List<string>();
        foreach (var (status, policy) in StatusPolicy)
            if (await MayAsync(policy)) mine.Add(status);
        if (mine.Count == 0) return;
        // A department's people work their own department's complaints; everyone else works across departments.
        Department = User.IsInRole(Roles.Department) ? ConsoleUser.DepartmentOf(User) : null;
        var v = new Validator();
        var query = LedgerQuery.Parse(v, string.Join(",", mine), null, null, Department, null, null, null, null,
            database.Zone, bounds, LedgerOrder.SoonestDue);
        v.ThrowIfInvalid();
        Rows = await query.PageAsync(database, 1, Size, ct);
    }
}

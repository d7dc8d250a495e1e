using Complaints.Domain;
using Complaints.Host.Audit;
using Complaints.Host.Complaints.Auditing;
using Complaints.Host.Complaints.Viewing;
using Complaints.Host.Reports;
using Complaints.Host.Reports.PauseAbuse;
using Complaints.Host.Security;
using Complaints.Projections;
using Complaints.Projections.Reporting;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Complaints.Host.WebConsole.Pages;

/// <summary>
/// One complaint as the API shows it to the signed-in person: each part only under the policy of the endpoint that
/// serves it (complaint, history, handling report, integrity), the report masked as <c>/report</c> masks it, and the
/// actions the state allows and the person's roles admit, as forms posting the API's commands.
/// </summary>
[Authorize]
public sealed class ComplaintModel(IQuerySession session, EventLog log, ConsoleCommands commands, ReadModelSeal seal,
    AnalyticsDatabase analytics, IOptions<PauseAbuseOptions> pauseAbuse) : ConsolePage
{
    public Guid Id { get; private set; }
    public ComplaintResponse? Complaint { get; private set; }
    public ComplaintIntake? Intake { get; private set; }
    public HandlingReport? Report { get; private set; }
    public bool MayReadReport { get; private set; }
    public bool ReportUpToDate { get; private set; }
    public IReadOnlyList<StoredEvent>? History { get; private set; }
    public IntegrityReport? Integrity { get; private set; }

    /// <summary>The clocks' pauses awaiting the customer, as <c>/api/complaints/{id}/pauses</c> answers them.</summary>
    public ComplaintPauses? Pauses { get; private set; }
    public IReadOnlyList<ConsoleAction> Actions { get; private set; } = [];
    public CommandOutcome? Refusal { get; private set; }
    public string? Done { get; private set; }

    /// <summary>A fresh idempotency key for each form drawn: one submission, one key.</summary>
    public static string NewKey() => "console-" + Guid.NewGuid().ToString("N");

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        Done = done == ComplaintActions.Register ? done : ConsoleAction.Named(done)?.Action;
        return await ShowAsync(id, ct);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (ConsoleAction.Named(Request.Form["action"]) is not { } action) return BadRequest();
        var outcome = await commands.ActAsync(HttpContext, id, action, Request.Form, ct);
        // After a success the page is fetched again, so a reload does not post the form twice.
        if (outcome.Succeeded) return Redirect($"/console/complaints/{id}?done={action.Action}");
        Refusal = outcome;
        Response.StatusCode = outcome.Status;
        return await ShowAsync(id, ct);
    }

    private async Task<IActionResult> ShowAsync(Guid id, CancellationToken ct)
    {
        Id = id;
        var mayReadComplaint = await MayAsync(Policies.ReadComplaint);
        MayReadReport = await MayAsync(Policies.ReadHandlingReport);
        if (!mayReadComplaint && !MayReadReport) return Forbid();

        var details = await session.LoadAsync<ComplaintDetails>(id, ct);
        if (details?.Intake is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        if (mayReadComplaint)
        {
            Complaint = ComplaintResponse.From(details, seal);
            Intake = seal.Open(id, details.Intake);
            var actions = new List<ConsoleAction>();
            foreach (var name in Complaint.AllowedActions)
                if (ConsoleAction.Named(name) is { } action && await MayAsync(action.Policy)) actions.Add(action);
            Actions = actions;
        }
        if (MayReadReport)
        {
            Report = await session.LoadAsync<HandlingReport>(id, ct);
            if (Report is not null) PersonalData.Show(Report, seal, User);
            ReportUpToDate = Report?.Version >= details.Version;
            Intake ??= Report?.Intake;
        }
        if (await MayAsync(Policies.ReadHistory))
            History = await log.ReadAsync(new EventSelection(id), ct).ToListAsync(ct);
        if (await MayAsync(Policies.Audit))
            Integrity = await IntegrityEndpoint.Get(id, log, ct);
        if (await MayAsync(Policies.ReplayClocks))
            Pauses = await PausesEndpoint.Get(id, session, analytics, pauseAbuse, ct);
        return Page();
    }

    public static string DeadlineState(DeadlineView d) =>
        d.WithdrawnAt is not null ? "withdrawn"
        : d.MetAt is not null ? d.Late ? "late" : "met"
        : d.Missed ? "missed"
        : d.Paused ? "paused"
        : "pending";
}

using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Complaints.Host.OpenApi;

/// <summary>
/// Each operation is tagged with its use case (the slice's folder: Registering, Planning, Reports, …) and says in a
/// line what it does, the way docs/contract/http-contract.md does.
/// </summary>
internal sealed class UseCaseSummaries : IOpenApiOperationTransformer, IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> Summaries = new()
    {
        ["POST /api/complaints"] = "Register a complaint (procedure §1)",
        ["POST /api/complaints/{id}/forward"] = "Forward a complaint to the department that handles it",
        ["POST /api/complaints/{id}/acknowledgements"] = "Acknowledge receipt in the responsible department",
        ["POST /api/complaints/{id}/verification"] = "Record the verification: valid with findings, or invalid",
        ["POST /api/complaints/{id}/confirmation"] = "Confirm a verified complaint (GM office)",
        ["POST /api/complaints/{id}/action-plans"] = "Propose a corrective action plan",
        ["POST /api/complaints/{id}/action-plans/{planVersion}/approvals"] = "Approve or reject a plan for one approving body",
        ["POST /api/complaints/{id}/action-plans/{planVersion}/customer-response"] = "Record the customer's answer to the plan",
        ["POST /api/complaints/{id}/execution-reports"] = "Report the corrective actions as executed",
        ["POST /api/complaints/{id}/execution-acceptance"] = "Accept or reject the execution",
        ["POST /api/complaints/{id}/handling-report"] = "Compile the handling report",
        ["POST /api/complaints/{id}/handling-report/approvals"] = "Approve or reject the handling report for one approving body",
        ["POST /api/complaints/{id}/closure"] = "Close the complaint, naming where the report was sent",
        ["POST /api/complaints/{id}/satisfaction"] = "Record the customer's satisfaction score",
        ["POST /api/complaints/{id}/reopen"] = "Reopen a closed complaint",
        ["POST /api/complaints/{id}/personal-data/erasure"] = "Erase the customer's personal data (crypto-shredding)",
        ["POST /api/events"] = "Send commands as CloudEvents 1.0 (structured, batch or binary mode)",
        ["GET /api/complaints/{id}"] = "Read a complaint: status, version, allowed actions, deadlines",
        ["GET /api/complaints/{id}/history"] = "Read a complaint's events in order",
        ["GET /api/complaints/{id}/report"] = "Read a complaint's handling report (procedure §5)",
        ["GET /api/complaints/{id}/integrity"] = "Verify a complaint's hash chain",
        ["GET /api/complaints/{id}/export"] = "Export a complaint's history with its hash chain (NDJSON)",
        ["GET /api/audit/export"] = "Export the histories of a period with their hash chains (NDJSON)",
        ["GET /api/ledger"] = "List complaints in the ledger, filtered and paged (JSON or CSV)",
        ["GET /api/kpis"] = "Key performance indicators of a period, grouped",
        ["GET /api/reports/supervision/{month}"] = "The monthly service supervision report",
        ["GET /api/reports/failures"] = "Complaints whose report could not be built",
        ["GET /api/reports/quarterly/{quarter}"] = "The quarterly evaluation: KPIs overall, by month and by department, top causes",
        ["GET /api/reports/deliveries"] = "Scheduled reports generated and sent, with each recipient's state",
        ["GET /api/trends"] = "Trends of a period by category, root cause, department, region or owner",
        ["POST /api/complaints/{id}/follow-ups"] = "Record a follow-up call: reached (with scores), unreachable or declined",
        ["POST /api/complaints/{id}/customer-contacts"] = "Record a contact with the customer (meets D7)",
        ["POST /api/complaints/{id}/progress-updates"] = "Send the customer a progress update",
        ["GET /api/complaints"] = "Find complaints by number, phone, email, plate or VIN",
        ["POST /api/complaints/{id}/assignment"] = "Assign (or reassign) the complaint's owner",
        ["POST /api/complaints/{id}/attachments"] = "Attach a file (image, PDF or office document, up to 10 MB)",
        ["GET /api/complaints/{id}/attachments/{attachmentId}"] = "Download an attachment as stored",
        ["POST /api/complaints/{id}/notes"] = "Add an internal note",
        ["POST /api/complaints/{id}/reclassification"] = "Change severity, category or responsible department; clocks recomputed",
        ["POST /api/complaints/{id}/first-contact-settlement"] = "Close a class C/D complaint settled at first contact",
        ["GET /api/work"] = "The worklist: open complaints whose step is the caller's, soonest due first",
        ["GET /api/complaints/{id}/notifications"] = "The notifications of a complaint and their delivery state",
        ["GET /api/directory"] = "The directory: who receives each department's and role's notifications",
        ["GET /api/directory/history"] = "Every change of the directory, newest first",
        ["PUT /api/directory/{region}/{department}/{role}"] = "Set one directory entry's people (admin)",
        ["GET /api/rules/{kind}/{version}"] = "One stored version of a deadline policy, follow-up policy or calendar, with its content",
        ["GET /api/complaints/{id}/clocks/replay"] = "Recompute a complaint's deadlines with the rules then in force, against the recorded ones",
        ["POST /api/policies/what-if"] = "A period's KPIs under the recorded rules and under a candidate policy, side by side",
        ["GET /api/complaints/{id}/pauses"] = "A complaint's clock pauses awaiting the customer, their share of the clocks' time and whether it is flagged"
    };

    private static readonly Dictionary<string, string> UseCases = new()
    {
        ["Registering"] = "Taking a complaint in (procedure §1)",
        ["Forwarding"] = "Passing a complaint to the department that handles it",
        ["Acknowledging"] = "The department acknowledges receipt",
        ["Verifying"] = "Checking the complaint: valid with findings, or invalid",
        ["Confirming"] = "The GM office confirms a verified complaint",
        ["Planning"] = "Corrective action plans and their approvals",
        ["CustomerResponse"] = "The customer's answer to a plan",
        ["Executing"] = "Executing the plan and accepting the execution",
        ["Reporting"] = "The handling report and its approvals",
        ["Closing"] = "Closing a complaint",
        ["Satisfaction"] = "The customer's satisfaction score",
        ["Reopening"] = "Reopening a closed complaint",
        ["Erasing"] = "Erasing a customer's personal data",
        ["Ingesting"] = "Commands as CloudEvents from other systems",
        ["Viewing"] = "Reading a complaint, its history and its report",
        ["Auditing"] = "Hash-chain verification and exports",
        ["Reports"] = "The ledger, KPIs, supervision reports and report failures",
        ["Health"] = "Probes for an orchestrator",
        ["FollowingUp"] = "Follow-up calls after closing, and recurrences",
        ["ReachingCustomer"] = "Contacts with the customer and progress updates",
        ["StaffWork"] = "Finding complaints, worklists, owners, notes, attachments, reclassification",
        ["Notifications"] = "The mail a complaint caused and its delivery",
        ["People"] = "The directory of who is notified",
        ["Rules"] = "Rules over time: stored rule versions, clock replay and what-if"
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var key = $"{description.HttpMethod} /{description.RelativePath}";
        if (Summaries.TryGetValue(key, out var summary)) operation.Summary = summary;
        // Wolverine repeats the operation id as summary and description when it has nothing better to say.
        if (operation.Description == operation.OperationId) operation.Description = null;
        // Wolverine tags an operation with its endpoint class:
        // Complaints.Host.Complaints.Registering.RegisterEndpoint → Registering; Complaints.Host.Reports.Kpis.KpiEndpoint → Reports
        var endpointClass = operation.Tags?.FirstOrDefault()?.Name ?? "";
        var parts = endpointClass.Split('.');
        var useCase = parts.Length > 4 && parts[2] == "Complaints" ? parts[3] : parts.Length > 3 ? parts[2] : null;
        if (useCase is not null) operation.Tags = new HashSet<OpenApiTagReference> { new(useCase, context.Document) };
        return Task.CompletedTask;
    }

    /// <summary>The document lists the use cases its operations are tagged with, not the endpoint classes.</summary>
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in document.Paths?.Values ?? Enumerable.Empty<IOpenApiPathItem>())
            foreach (var operation in path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
                foreach (var tag in operation.Tags ?? Enumerable.Empty<OpenApiTagReference>())
                    if (tag.Name is { } name) names.Add(name);
        document.Tags = new HashSet<OpenApiTag>(names.Select(name =>
            new OpenApiTag { Name = name, Description = UseCases.GetValueOrDefault(name) }));
        // Not the address the request came in on: that would make the repository's copy depend on where it was written.
        document.Servers =
        [
            new OpenApiServer
            {
                Url = "https://{host}", Description = "The engine's deployment",
                Variables = new Dictionary<string, OpenApiServerVariable>
                {
                    ["host"] = new() { Default = "complaints.internal", Description = "Host and port the engine serves on" }
                }
            }
        ];
        return Task.CompletedTask;
    }
}

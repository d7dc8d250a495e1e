using System.Text.Json;
using Complaints.Domain;
using Complaints.Host.Complaints.Acknowledging;
using Complaints.Host.Complaints.Closing;
using Complaints.Host.Complaints.Confirming;
using Complaints.Host.Complaints.CustomerResponse;
using Complaints.Host.Complaints.Executing;
using Complaints.Host.Complaints.Forwarding;
using Complaints.Host.Complaints.Planning;
using Complaints.Host.Complaints.Reopening;
using Complaints.Host.Complaints.Reporting;
using Complaints.Host.Complaints.Satisfaction;
using Complaints.Host.Complaints.Verifying;
using NodaTime;

namespace Complaints.Host.Complaints.Ingesting;

/// <summary>A command of the contract as a CloudEvent type: its body type and how it becomes a domain command.</summary>
public sealed record CloudEventCommand(
    string Type, Type Body, bool TargetsPlan,
    Func<CommandTarget, object, Validator, Instant, ComplaintCommand> Build);

/// <summary>
/// Every command of the HTTP contract has a CloudEvent type (docs/integration.md); the event's <c>data</c> is the
/// command's body, its <c>subject</c> the complaint id and, for plan steps, the <c>planversion</c> extension the
/// plan version. Registration is <see cref="Register"/>.
/// </summary>
public static class CloudEventTypes
{
    public const string Prefix = "com.complaints.";
    public const string Register = Prefix + "register";

    public static readonly IReadOnlyDictionary<string, CloudEventCommand> Commands = new[]
    {
        Of<ForwardRequest>("forward", ForwardEndpoint.Command),
        Of<AcknowledgeRequest>("acknowledge", AcknowledgeEndpoint.Command),
        Of<VerifyRequest>("verify", VerifyEndpoint.Command),
        Of<ConfirmRequest>("confirm", ConfirmEndpoint.Command),
        Of<ProposeActionPlanRequest>("propose-action-plan", ProposeActionPlanEndpoint.Command),
        Of<ReviewRequest>("review-action-plan", ReviewActionPlanEndpoint.Command, targetsPlan: true),
        Of<CustomerResponseRequest>("record-customer-response", CustomerResponseEndpoint.Command, targetsPlan: true),
        Of<SummaryRequest>("report-execution", ReportExecutionEndpoint.Command),
        Of<ExecutionAcceptanceRequest>("review-execution", ReviewExecutionEndpoint.Command),
        Of<SummaryRequest>("compile-handling-report", CompileHandlingReportEndpoint.Command),
        Of<ReviewRequest>("review-handling-report", ReviewHandlingReportEndpoint.Command),
        Of<CloseRequest>("close", CloseEndpoint.Command),
        Of<SatisfactionRequest>("record-satisfaction", RecordSatisfactionEndpoint.Command),
        Of<ReopenRequest>("reopen", ReopenEndpoint.Command)
    }.ToDictionary(c => c.Type);

    public static IEnumerable<string> All => [Register, .. Commands.Keys];

    private static CloudEventCommand Of<TBody>(string name,
        Func<CommandTarget, TBody, Validator, Instant, ComplaintCommand> build, bool targetsPlan = false) =>
        new(Prefix + name, typeof(TBody), targetsPlan, (target, body, v, at) => build(target, (TBody)body, v, at));
}

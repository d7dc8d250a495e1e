using System.Text.Json;
using Complaints.Domain;
using Complaints.Host.Complaints.Acknowledging;
using Complaints.Host.Complaints.Closing;
using Complaints.Host.Complaints.Confirming;
using Complaints.Host.Complaints.CustomerResponse;
using Complaints.Host.Complaints.Executing;
using Complaints.Host.Complaints.FollowingUp;
using Complaints.Host.Complaints.Forwarding;
using Complaints.Host.Complaints.Planning;
using Complaints.Host.Complaints.Reopening;
using Complaints.Host.Complaints.Reporting;
using Complaints.Host.Complaints.Satisfaction;
using Complaints.Host.Complaints.StaffWork;
using Complaints.Host.Complaints.Verifying;
using Complaints.Host.Security;
using NodaTime;

namespace Complaints.Host.Complaints.Ingesting;

/// <summary>A command of the contract as a CloudEvent type: its body type and how it becomes a domain command.</summary>
public sealed record CloudEventCommand(
    string Type, string Policy, Type Body, bool TargetsPlan,
    Func<CommandTarget, object, Validator, Instant, ComplaintCommand> Build);

/// <summary>
/// Every command of the HTTP contract has a CloudEvent type (docs/integration.md); the event's <c>data</c> is the
/// command's body, its <c>subject</c> the complaint id and, for plan steps, the <c>planversion</c> extension the
/// plan version. Registration is <see cref="Register"/>. Each type needs the roles its HTTP endpoint needs.
/// </summary>
public static class CloudEventTypes
{
    public const string Prefix = "com.complaints.";
    public const string Register = Prefix + "register";

    public static readonly IReadOnlyDictionary<string, CloudEventCommand> Commands = new[]
    {
        Of<ForwardRequest>("forward", Policies.Forward, ForwardEndpoint.Command),
        Of<AcknowledgeRequest>("acknowledge", Policies.HandleInDepartment, AcknowledgeEndpoint.Command),
        Of<VerifyRequest>("verify", Policies.HandleInDepartment, VerifyEndpoint.Command),
        Of<ConfirmRequest>("confirm", Policies.Confirm, ConfirmEndpoint.Command),
        Of<ProposeActionPlanRequest>("propose-action-plan", Policies.HandleInDepartment, ProposeActionPlanEndpoint.Command),
        Of<ReviewRequest>("review-action-plan", Policies.ReviewPlan, ReviewActionPlanEndpoint.Command, targetsPlan: true),
        Of<CustomerResponseRequest>("record-customer-response", Policies.RecordCustomerAnswer, CustomerResponseEndpoint.Command,
            targetsPlan: true),
        Of<SummaryRequest>("report-execution", Policies.HandleInDepartment, ReportExecutionEndpoint.Command),
        Of<ExecutionAcceptanceRequest>("review-execution", Policies.AcceptExecution, ReviewExecutionEndpoint.Command),
        Of<SummaryRequest>("compile-handling-report", Policies.WriteHandlingReport, CompileHandlingReportEndpoint.Command),
        Of<ReviewRequest>("review-handling-report", Policies.ReviewHandlingReport, ReviewHandlingReportEndpoint.Command),
        Of<CloseRequest>("close", Policies.Close, CloseEndpoint.Command),
        Of<SatisfactionRequest>("record-satisfaction", Policies.RecordCustomerAnswer, RecordSatisfactionEndpoint.Command),
        Of<ReopenRequest>("reopen", Policies.Reopen, ReopenEndpoint.Command),
        Of<AssignRequest>("assign", Policies.WorkOnComplaint, AssignEndpoint.Command),
        Of<NoteRequest>("add-note", Policies.WorkOnComplaint, NoteEndpoint.Command),
        Of<SettleRequest>("settle-at-first-contact", Policies.SettleAtFirstContact, SettleEndpoint.Command),
        Of<FollowUpRequest>("record-follow-up", Policies.RecordCustomerAnswer, RecordFollowUpEndpoint.Command)
    }.ToDictionary(c => c.Type);

    public static IEnumerable<string> All => [Register, .. Commands.Keys];

    /// <summary>The policy the HTTP endpoint of each type names; a CloudEvent must satisfy it as well.</summary>
    public static string PolicyOf(string type) => type == Register ? Policies.Register : Commands[type].Policy;

    private static CloudEventCommand Of<TBody>(string name, string policy,
        Func<CommandTarget, TBody, Validator, Instant, ComplaintCommand> build, bool targetsPlan = false) =>
        new(Prefix + name, policy, typeof(TBody), targetsPlan, (target, body, v, at) => build(target, (TBody)body, v, at));
}

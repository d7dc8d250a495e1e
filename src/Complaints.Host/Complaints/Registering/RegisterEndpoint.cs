using Complaints.Domain;
using Complaints.Host.Infrastructure;
using Complaints.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Registering;

public sealed record RegisterRequest(
    string? Severity, string? Category, string? ResponsibleDepartment, string? Region, string? Channel,
    string? Description, string? CustomerExpectation, string? RequestedResolutionDate,
    CustomerForm? Customer, ReceiverForm? ReceivedBy, string? ReceivedAt,
    string? OccurredAt, string? Location, string? AssetReference,
    IReadOnlyList<string?>? Notify = null, VehicleForm? Vehicle = null, StaffMemberForm? Owner = null);

public sealed class IntakeOptions
{
    /// <summary>
    /// The configured categories; the defaults when none are (filled in after binding: a list initialised with them
    /// would have the configured ones appended by the configuration binder).
    /// </summary>
    public List<string> Categories { get; set; } = [];

    /// <summary>The configured root-cause categories of verification and plan; the defaults when none are.</summary>
    public List<string> RootCauses { get; set; } = [];

    /// <summary>
    /// A complaint received at most this many days after the closing of one of the same customer and category, or of
    /// the same vehicle, is flagged as its repeat (docs/adr/0038).
    /// </summary>
    public int RepeatWindowDays { get; set; } = 90;

    public const int MaxRepeatWindowDays = 3650;

    /// <summary>Set from the <c>InputBounds</c> section, not from <c>Intake</c>.</summary>
    public InputBounds Bounds { get; set; } = InputBounds.Default;
}

public static class RegisterEndpoint
{
    [Authorize(Policy = Policies.Register)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status201Created)]
    [WolverinePost("/api/complaints")]
    public static Task<IResult> Post(RegisterRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, [FromServices] IOptions<IntakeOptions> intake,
        [FromServices] RegistrationLookup lookup, CancellationToken ct)
    {
        var context = CommandContext.From(http);
        return pipeline.ExecuteAsync(Registration(body, intake.Value, lookup, pipeline.Now), context, ct);
    }

    /// <summary>
    /// Validates the registration now and returns how the pipeline builds its command on the write's own session,
    /// with its ledger number and the closed complaints it may repeat (one round trip on the connection the write uses
    /// anyway); CloudEvents ingest registers the same way.
    /// </summary>
    public static Func<IQuerySession, CancellationToken, Task<ComplaintCommand>> Registration(RegisterRequest body,
        IntakeOptions intake, RegistrationLookup lookup, Instant now)
    {
        var form = new IntakeForm(body.Severity, body.Category, body.ResponsibleDepartment, body.Region, body.Channel,
            body.Description, body.CustomerExpectation, body.RequestedResolutionDate, body.Customer, body.ReceivedBy,
            body.ReceivedAt, body.OccurredAt, body.Location, body.AssetReference, body.Notify, body.Vehicle, body.Owner);
        var validated = IntakeValidation.Validate(form, intake.Categories, now, intake.Bounds);
        return async (session, ct) =>
        {
            var facts = await lookup.LookUpAsync(session, validated, ct);
            return new RegisterComplaint(Guid.CreateVersion7(), facts.Number(now), validated, now, facts.Recurrence);
        };
    }
}

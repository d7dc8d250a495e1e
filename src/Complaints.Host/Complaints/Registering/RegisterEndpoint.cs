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
    string? OccurredAt, string? Location, string? AssetReference);

public sealed class IntakeOptions
{
    /// <summary>
    /// The configured categories; the defaults when none are (filled in after binding: a list initialised with them
    /// would have the configured ones appended by the configuration binder).
    /// </summary>
    public List<string> Categories { get; set; } = [];

    /// <summary>Set from the <c>InputBounds</c> section, not from <c>Intake</c>.</summary>
    public InputBounds Bounds { get; set; } = InputBounds.Default;
}

public static class RegisterEndpoint
{
    [Authorize(Policy = Policies.Register)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status201Created)]
    [WolverinePost("/api/complaints")]
    public static async Task<IResult> Post(RegisterRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, [FromServices] IDocumentStore store,
        [FromServices] IOptions<IntakeOptions> intake, CancellationToken ct)
    {
        var context = CommandContext.From(http);
        return await pipeline.ExecuteAsync(await CommandAsync(body, store, intake.Value, pipeline.Now, ct), context, ct);
    }

    /// <summary>The validated registration with its ledger number; CloudEvents ingest builds it the same way.</summary>
    public static async Task<RegisterComplaint> CommandAsync(RegisterRequest body, IDocumentStore store,
        IntakeOptions intake, Instant now, CancellationToken ct)
    {
        var form = new IntakeForm(body.Severity, body.Category, body.ResponsibleDepartment, body.Region, body.Channel,
            body.Description, body.CustomerExpectation, body.RequestedResolutionDate, body.Customer, body.ReceivedBy,
            body.ReceivedAt, body.OccurredAt, body.Location, body.AssetReference);
        var validated = IntakeValidation.Validate(form, intake.Categories, now, intake.Bounds);
        return new RegisterComplaint(Guid.CreateVersion7(), await NextNumberAsync(store, now, ct), validated, now);
    }

    /// <summary>Ledger numbers come from a database sequence: unique across nodes, possibly with gaps.</summary>
    private static async Task<string> NextNumberAsync(IDocumentStore store, Instant now, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var next = await session.NextSequenceValueAsLong(StoreConfiguration.NumberSequence, ct);
        return $"CP-{now.InUtc().Year}-{next:D6}";
    }
}

using Complaints.Domain;
using Complaints.Domain.Deadlines;
using Complaints.Host.Security;
using Complaints.Projections;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Viewing;

/// <summary>A deadline as the contract shows it, with the detail an operator needs to read it.</summary>
public sealed record DeadlineView(
    string Rule, int Round, Instant StartedAt, Instant DueAt, Instant? MetAt, bool Missed, int EscalationLevel,
    TimeMeasure Measure, bool Paused, bool Late, long? MinutesTaken, Instant? WithdrawnAt)
{
    public static DeadlineView From(TrackedDeadline d) => new(d.Rule, d.Round, d.StartedAt, d.DueAt, d.MetAt,
        d.Missed || d.Late, d.EscalationLevel, d.Measure, d.PausedAt is not null, d.Late, d.MinutesTaken, d.WithdrawnAt);
}

public sealed record ComplaintResponse(
    Guid Id, string Number, long Version, string Status, IReadOnlyList<string> AllowedActions,
    Severity Severity, string Category, string ResponsibleDepartment, string Region, Channel Channel,
    string Description, string CustomerExpectation, LocalDate RequestedResolutionDate,
    Customer Customer, Receiver ReceivedBy, Instant ReceivedAt, Instant? OccurredAt, string? Location,
    string? AssetReference, Instant RegisteredAt, IReadOnlyList<string> AcknowledgedBy, int? CurrentPlanVersion,
    Instant? ClosedAt, int? SatisfactionScore, int TimesReopened, int EscalationLevel,
    IReadOnlyList<DeadlineView> Deadlines,
    StaffMember? Owner, Vehicle? Vehicle, IReadOnlyList<string> Notify, IReadOnlyList<string> DepartmentsToSign,
    IReadOnlyList<string> StillToSign, IReadOnlyList<NoteView> Notes, IReadOnlyList<AttachmentView> Attachments,
    IReadOnlyList<ReclassificationView> Reclassifications, string? SettledAtFirstContact, Guid? RepeatOf)
{
    /// <summary>The view with its customer opened: every role that reads a complaint may see the customer (docs/security.md).</summary>
    public static ComplaintResponse From(ComplaintDetails c, ReadModelSeal seal)
    {
        var intake = seal.Open(c.Id, c.Intake ?? throw new InvalidOperationException($"Complaint {c.Id} has no intake data."));
        return new ComplaintResponse(c.Id, c.Number, c.Version, c.Status, c.AllowedActions,
            intake.Severity, intake.Category, intake.ResponsibleDepartment, intake.Region, intake.Channel,
            intake.Description, intake.CustomerExpectation, intake.RequestedResolutionDate, intake.Customer,
            intake.ReceivedBy, intake.ReceivedAt, intake.OccurredAt, intake.Location, intake.AssetReference,
            c.RegisteredAt, c.AcknowledgedBy, c.CurrentPlanVersion, c.ClosedAt, c.SatisfactionScore, c.TimesReopened,
            c.Deadlines.EscalationLevel, [.. c.Deadlines.Deadlines.Select(DeadlineView.From)],
            c.Owner, intake.Vehicle, intake.NotifiedDepartments, c.DepartmentsToSign, c.StillToSign, c.Notes,
            c.Attachments, c.Reclassifications, c.SettledAtFirstContact, c.RepeatOf?.ComplaintId);
    }
}

public static class GetComplaintEndpoint
{
    /// <summary>
    /// The complaint now, or as it stood at <c>?version=N</c> or <c>?asOf=instant</c>, rebuilt from its events
    /// with the same projection, deadlines included.
    /// </summary>
    [Authorize(Policy = Policies.ReadComplaint)]
    [ProducesResponseType<ComplaintResponse>(StatusCodes.Status200OK)]
    [WolverineGet("/api/complaints/{id}")]
    public static async Task<IResult> Get(Guid id, long? version, string? asOf, HttpResponse response,
        [FromServices] IQuerySession session, [FromServices] InputBounds bounds, [FromServices] ReadModelSeal seal,
        CancellationToken ct)
    {
        var complaint = await LoadAsync(id, version, asOf, session, bounds, ct) ?? throw new ComplaintNotFoundException(id);
        response.Headers.ETag = $"\"{complaint.Version}\"";
        return Results.Json(ComplaintResponse.From(complaint, seal));
    }

    private static async Task<ComplaintDetails?> LoadAsync(Guid id, long? version, string? asOf, IQuerySession session,
        InputBounds bounds, CancellationToken ct)
    {
        var v = new Validator();
        if (version is not null && asOf is not null) v.Add("asOf", "cannot be combined with version");
        if (version < 1) v.Add("version", "must be 1 or more");
        var instant = asOf is null ? (Instant?)null : v.Instant(asOf, "asOf", bounds);
        v.ThrowIfInvalid();

        if (version is { } wanted)
        {
            var then = await session.Events.AggregateStreamAsync<ComplaintDetails>(id, version: wanted, token: ct);
            return then?.Version == wanted ? then : null;
        }
        return instant is { } at
            ? await session.Events.AggregateStreamAsync<ComplaintDetails>(id, timestamp: at.ToDateTimeOffset(), token: ct)
            : await session.LoadAsync<ComplaintDetails>(id, ct);
    }
}

using Complaints.Domain;
using Complaints.Projections;
using Marten;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.Viewing;

/// <summary>A deadline as the contract shows it; filled by the deadline rules (procedure §4).</summary>
public sealed record DeadlineView(string Rule, Instant DueAt, Instant? MetAt, bool Missed, int EscalationLevel);

public sealed record ComplaintResponse(
    Guid Id, string Number, long Version, string Status, IReadOnlyList<string> AllowedActions,
    Severity Severity, string Category, string ResponsibleDepartment, string Region, Channel Channel,
    string Description, string CustomerExpectation, LocalDate RequestedResolutionDate,
    Customer Customer, Receiver ReceivedBy, Instant ReceivedAt, Instant? OccurredAt, string? Location,
    string? AssetReference, Instant RegisteredAt, IReadOnlyList<string> AcknowledgedBy, int? CurrentPlanVersion,
    Instant? ClosedAt, int? SatisfactionScore, int TimesReopened, IReadOnlyList<DeadlineView> Deadlines)
{
    public static ComplaintResponse From(ComplaintDetails c)
    {
        var intake = c.Intake ?? throw new InvalidOperationException($"Complaint {c.Id} has no intake data.");
        return new ComplaintResponse(c.Id, c.Number, c.Version, c.Status, c.AllowedActions,
            intake.Severity, intake.Category, intake.ResponsibleDepartment, intake.Region, intake.Channel,
            intake.Description, intake.CustomerExpectation, intake.RequestedResolutionDate, intake.Customer,
            intake.ReceivedBy, intake.ReceivedAt, intake.OccurredAt, intake.Location, intake.AssetReference,
            c.RegisteredAt, c.AcknowledgedBy, c.CurrentPlanVersion, c.ClosedAt, c.SatisfactionScore, c.TimesReopened,
            []);
    }
}

public static class GetComplaintEndpoint
{
    [WolverineGet("/api/complaints/{id}")]
    public static async Task<IResult> Get(Guid id, HttpResponse response, [FromServices] IQuerySession session,
        CancellationToken ct)
    {
        var complaint = await session.LoadAsync<ComplaintDetails>(id, ct) ?? throw new ComplaintNotFoundException(id);
        response.Headers.ETag = $"\"{complaint.Version}\"";
        return Results.Json(ComplaintResponse.From(complaint));
    }
}

using Complaints.Domain;
using Complaints.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Wolverine.Http;

namespace Complaints.Host.Complaints.ReachingCustomer;

public sealed record CustomerContactRequest(string? Channel, string? Summary, string? By, string? At);

public static class CustomerContactEndpoint
{
    /// <summary>A call, a message or a visit to the customer; the first meets D7 (24 h). By email, the summary is emailed.</summary>
    [Authorize(Policy = Policies.ReachCustomer)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/complaints/{id}/customer-contacts")]
    public static Task<IResult> Post(Guid id, CustomerContactRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, [FromServices] InputBounds bounds, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, now) => Command(new CommandTarget(id), body, v, now, bounds), ct);

    /// <summary>The domain command this request asks for. <c>at</c> (when it happened) defaults to now, never later.</summary>
    public static ComplaintCommand Command(CommandTarget target, CustomerContactRequest body, Validator v, Instant now,
        InputBounds bounds)
    {
        var at = body.At is null ? now : v.Instant(body.At, "at");
        if (!v.HasError("at") && at > now + bounds.AllowedClockSkew) v.Add("at", "lies in the future");
        return new RecordCustomerContact(target.Complaint, v.Choice<Channel>(body.Channel, "channel"),
            v.Text(body.Summary, "summary"), v.Line(body.By, "by"), at, now);
    }
}

public sealed record ProgressUpdateRequest(string? Message, string? By);

public static class ProgressUpdateEndpoint
{
    /// <summary>Tells the customer how far the complaint has come; emailed when the customer gave an address.</summary>
    [Authorize(Policy = Policies.ReachCustomer)]
    [ProducesResponseType<CommandAnswer>(StatusCodes.Status200OK)]
    [WolverinePost("/api/complaints/{id}/progress-updates")]
    public static Task<IResult> Post(Guid id, ProgressUpdateRequest body, HttpContext http,
        [FromServices] ComplaintCommandPipeline pipeline, CancellationToken ct) =>
        pipeline.ExecuteAsync(http, (v, at) => Command(new CommandTarget(id), body, v, at), ct);

    public static ComplaintCommand Command(CommandTarget target, ProgressUpdateRequest body, Validator v, Instant at) =>
        new UpdateCustomer(target.Complaint, v.Text(body.Message, "message"), v.Line(body.By, "by"), at);
}

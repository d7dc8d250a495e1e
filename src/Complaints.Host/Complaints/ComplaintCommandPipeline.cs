using Complaints.Domain;
using Complaints.Projections;
using JasperFx;
using Marten;
using Marten.Exceptions;
using NodaTime;

namespace Complaints.Host.Complaints;

/// <summary>
/// Runs one command against one complaint stream: honours If-Match and Idempotency-Key, lets the decider
/// decide, appends its events with provenance, and retries when a concurrent writer got there first.
/// </summary>
public sealed class ComplaintCommandPipeline(IDocumentStore store, IClock clock)
{
    /// <summary>A losing writer re-reads and re-decides; a few rounds settle any realistic race.</summary>
    private const int Attempts = 5;

    public Instant Now => clock.GetCurrentInstant();

    public async Task<IResult> ExecuteAsync(ComplaintCommand command, string namedActor, CommandContext context,
        CancellationToken ct)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            await using var session = store.LightweightSession();
            session.CorrelationId = context.CorrelationId;
            session.CausationId = context.CausationId;
            session.LastModifiedBy = context.ActorOr(namedActor);

            if (context.IdempotencyKey is { } key && await session.LoadAsync<IdempotentRequest>(key, ct) is { } earlier)
                return Replay(earlier, context);

            try
            {
                var stream = context.ExpectedVersion is { } expected
                    ? await session.Events.FetchForWriting<ComplaintDetails>(command.ComplaintId, expected, ct)
                    : await session.Events.FetchForWriting<ComplaintDetails>(command.ComplaintId, ct);
                if (stream.Aggregate is null && command is not RegisterComplaint)
                    throw new ComplaintNotFoundException(command.ComplaintId);

                var events = ComplaintDecider.Decide(command, stream.Aggregate?.State ?? ComplaintDecider.Initial);
                stream.AppendMany(events.Cast<object>().ToArray());

                var answer = new CommandAnswer(command.ComplaintId, (stream.StartingVersion ?? 0) + events.Count,
                    events.OfType<ComplaintReceived>().SingleOrDefault()?.Number,
                    events.OfType<CorrectiveActionProposed>().SingleOrDefault()?.PlanVersion);
                var status = command is RegisterComplaint ? StatusCodes.Status201Created : StatusCodes.Status200OK;
                if (context.IdempotencyKey is { } newKey)
                    session.Insert(new IdempotentRequest
                    {
                        Id = newKey, RequestHash = context.RequestHash, ComplaintId = command.ComplaintId,
                        StatusCode = status, Answer = answer, RecordedAt = command.At
                    });

                await session.SaveChangesAsync(ct);
                return Answer(status, answer);
            }
            catch (ConcurrencyException) when (context.ExpectedVersion is { } expected)
            {
                throw new StaleVersionException(expected, await CurrentVersionAsync(command.ComplaintId, ct));
            }
            catch (Exception e) when (IsLostRace(e) && attempt < Attempts)
            {
                // Another writer committed first (or stored the same idempotency key): decide again on fresh state.
            }
            catch (Exception e) when (IsLostRace(e))
            {
                throw new WriteContentionException(command.ComplaintId);
            }
        }
        throw new WriteContentionException(command.ComplaintId);
    }

    private static bool IsLostRace(Exception e) =>
        e is ConcurrencyException or ExistingStreamIdCollisionException or DocumentAlreadyExistsException;

    private async Task<long> CurrentVersionAsync(Guid id, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        return (await query.Events.FetchStreamStateAsync(id, ct))?.Version ?? 0;
    }

    private static IResult Replay(IdempotentRequest earlier, CommandContext context) =>
        earlier.RequestHash == context.RequestHash
            ? Answer(earlier.StatusCode, earlier.Answer)
            : throw new IdempotencyKeyReusedException(earlier.Id);

    private static IResult Answer(int status, CommandAnswer answer) => new CommandAnswerResult(status, answer);
}

/// <summary>Writes the command answer with its <c>ETag</c> (and <c>Location</c> for a new complaint).</summary>
public sealed class CommandAnswerResult(int status, CommandAnswer answer) : IResult
{
    public Task ExecuteAsync(HttpContext http)
    {
        http.Response.Headers.ETag = $"\"{answer.Version}\"";
        if (status == StatusCodes.Status201Created) http.Response.Headers.Location = $"/api/complaints/{answer.Id}";
        return Results.Json(answer, statusCode: status).ExecuteAsync(http);
    }
}

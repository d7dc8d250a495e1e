using Complaints.Domain;
using Complaints.Domain.Deadlines;
using Complaints.Host.Audit;
using Complaints.Host.Deadlines;
using Complaints.Host.Infrastructure;
using Complaints.Projections;
using JasperFx;
using Marten;
using Marten.Exceptions;
using NodaTime;
using Wolverine.Marten.Publishing;
using Wolverine.Runtime;

namespace Complaints.Host.Complaints;

/// <summary>
/// Runs one command against one complaint stream: honours If-Match and Idempotency-Key, lets the decider
/// decide, appends its events with provenance, and retries when a concurrent writer got there first.
/// </summary>
public sealed class ComplaintCommandPipeline(
    IDocumentStore store, OutboxedSessionFactory outbox, IWolverineRuntime runtime, DeadlineSettings deadlines,
    Webhooks.Webhooks webhooks, IClock clock, ILogger<ComplaintCommandPipeline> logger)
{
    /// <summary>
    /// The first attempt is optimistic. A writer that lost a race retries holding the stream's row lock,
    /// so it waits for the winner instead of racing again; the extra rounds only cover idempotency-key
    /// collisions and a lock holder that itself failed.
    /// </summary>
    private const int Attempts = 10;

    public Instant Now => clock.GetCurrentInstant();

    /// <summary>Validates what <paramref name="describe"/> reads from the body, then runs the command.</summary>
    public Task<IResult> ExecuteAsync(HttpContext http, Func<Validator, Instant, ComplaintCommand> describe,
        CancellationToken ct) =>
        ExecuteAsync(describe, CommandContext.From(http), http.User, ct);

    /// <summary>Validates what <paramref name="describe"/> reads, checks the caller may sign it, then runs it.</summary>
    public Task<IResult> ExecuteAsync(Func<Validator, Instant, ComplaintCommand> describe, CommandContext context,
        System.Security.Claims.ClaimsPrincipal caller, CancellationToken ct)
    {
        var validator = new Validator();
        var command = describe(validator, Now);
        validator.ThrowIfInvalid();
        // Holding one approving role does not let a caller sign for the other body.
        if (command is IApproval approval && !caller.IsInRole(WireNames.Of(approval.Approver)))
            throw new AccessDeniedException($"Only {WireNames.Of(approval.Approver)} may sign as {WireNames.Of(approval.Approver)}.");
        return ExecuteAsync(command, context, ct);
    }

    public async Task<IResult> ExecuteAsync(ComplaintCommand command, CommandContext context, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            // The outbox commits the saga's messages with the events, or neither.
            var messages = new MessageContext(runtime);
            await using var session = outbox.OpenSession(messages);
            session.CorrelationId = context.CorrelationId;
            session.CausationId = context.CausationId;

            try
            {
                var stream = context.ExpectedVersion is { } expected
                    ? await session.Events.FetchForWriting<ComplaintDetails>(command.ComplaintId, expected, ct)
                    : attempt == 1
                        ? await session.Events.FetchForWriting<ComplaintDetails>(command.ComplaintId, ct)
                        : await session.Events.FetchForExclusiveWriting<ComplaintDetails>(command.ComplaintId, ct);
                // Looked up after reading the stream: a twin with the same key that committed before this read is
                // found here, one that commits after it makes this write lose the race and come back here.
                if (await EarlierAnswerAsync(session, context, ct) is { } earlier) return earlier;
                if (stream.Aggregate is null && command is not RegisterComplaint)
                    throw new ComplaintNotFoundException(command.ComplaintId);

                var decided = ComplaintDecider.Decide(command, stream.Aggregate?.State ?? ComplaintDecider.Initial);
                var events = await WithDeadlinesAsync(command.ComplaintId, stream.Aggregate, decided, messages);
                stream.AppendSealed(session, events, context.ActorOf(command), Now);
                foreach (var delivery in webhooks.For(command.ComplaintId, (stream.StartingVersion ?? 0) + 1, events, Now))
                    await messages.SendAsync(delivery);

                var answer = new CommandAnswer(command.ComplaintId, (stream.StartingVersion ?? 0) + events.Count,
                    events.OfType<ComplaintReceived>().SingleOrDefault()?.Number,
                    events.OfType<CorrectiveActionProposed>().SingleOrDefault()?.PlanVersion);
                var status = command is RegisterComplaint ? StatusCodes.Status201Created : StatusCodes.Status200OK;
                if (context.StoredKey is { } newKey)
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
                await using var query = store.QuerySession();
                if (await EarlierAnswerAsync(query, context, ct) is { } earlier) return earlier;
                var current = await CurrentVersionAsync(command.ComplaintId, ct);
                throw current == 0 && command is not RegisterComplaint
                    ? new ComplaintNotFoundException(command.ComplaintId)
                    : new StaleVersionException(expected, current);
            }
            catch (Exception e) when (LostRace.Caused(e) && attempt < Attempts)
            {
                // Another writer committed first (or stored the same idempotency key): decide again on fresh state,
                // this time under the stream lock. Routine under load, so not a warning.
                logger.LogDebug("Command {Command} on complaint {ComplaintId} lost a write race (attempt {Attempt}); deciding again",
                    command.GetType().Name, command.ComplaintId, attempt);
            }
            catch (Exception e) when (LostRace.Caused(e))
            {
                logger.LogWarning("Command {Command} on complaint {ComplaintId} lost {Attempts} write races in a row; answered write-contention",
                    command.GetType().Name, command.ComplaintId, Attempts);
                throw new WriteContentionException(command.ComplaintId);
            }
        }
        throw new WriteContentionException(command.ComplaintId);
    }

    /// <summary>
    /// Adds the clock events that follow from the decided ones and tells the complaint's deadline watch which
    /// timers must now be pending, or that its clocks stop.
    /// </summary>
    private async Task<IReadOnlyList<IComplaintEvent>> WithDeadlinesAsync(Guid id, ComplaintDetails? current,
        IReadOnlyList<IComplaintEvent> decided, MessageContext messages)
    {
        var intake = current?.Intake ?? decided.OfType<ComplaintReceived>().Single().Intake;
        var context = deadlines.ContextFor(id, intake);
        var book = current?.Deadlines ?? DeadlineBook.Empty;
        var reactions = DeadlineTracker.React(book, decided, context);
        if (reactions.Count == 0) return decided;

        if (decided.Any(e => e is ComplaintClosed or ComplaintRejectedAsInvalid))
            await messages.SendAsync(new StopWatchingDeadlines(id));
        else
            await messages.SendAsync(new WatchDeadlines(id,
                DeadlineTracker.PendingTimers(reactions.Aggregate(book, (b, e) => b.Evolve(e)), context)));
        return [.. decided, .. reactions];
    }

    private async Task<long> CurrentVersionAsync(Guid id, CancellationToken ct)
    {
        await using var query = store.QuerySession();
        return (await query.Events.FetchStreamStateAsync(id, ct))?.Version ?? 0;
    }

    /// <summary>
    /// The first answer to this caller's idempotency key, or null when the key is new or absent. Another caller's
    /// record under the same key is never found: it is stored under another id.
    /// </summary>
    private static async Task<IResult?> EarlierAnswerAsync(IQuerySession session, CommandContext context, CancellationToken ct)
    {
        if (context.StoredKey is not { } id || await session.LoadAsync<IdempotentRequest>(id, ct) is not { } earlier)
            return null;
        return earlier.RequestHash == context.RequestHash
            ? Answer(earlier.StatusCode, earlier.Answer)
            : throw new IdempotencyKeyReusedException(context.IdempotencyKey!);
    }

    private static CommandAnswerResult Answer(int status, CommandAnswer answer) => new(status, answer);
}

/// <summary>Writes the command answer with its <c>ETag</c> (and <c>Location</c> for a new complaint).</summary>
public sealed class CommandAnswerResult(int status, CommandAnswer answer) : IResult
{
    public int Status => status;

    public CommandAnswer Answer => answer;

    public Task ExecuteAsync(HttpContext http)
    {
        http.Response.Headers.ETag = $"\"{answer.Version}\"";
        if (status == StatusCodes.Status201Created) http.Response.Headers.Location = $"/api/complaints/{answer.Id}";
        return Results.Json(answer, statusCode: status).ExecuteAsync(http);
    }
}

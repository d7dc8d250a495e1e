using Complaints.Domain;
using Complaints.Domain.Workflow;
using Complaints.Host.Complaints.Writing;
using Complaints.Host.Infrastructure;
using Complaints.Host.Security;
using Complaints.Host.Telemetry;
using JasperFx;
using Marten;
using Marten.Exceptions;
using NodaTime;
using Wolverine.Marten.Publishing;
using Wolverine.Runtime;

namespace Complaints.Host.Complaints;

/// <summary>
/// The transport around one write (docs/adr/0020): honours If-Match and Idempotency-Key, opens the session whose one
/// commit records everything (events, timers, webhooks, the idempotency record), retries under the stream lock when a
/// concurrent writer got there first, and answers. Deciding and recording are the <see cref="ComplaintAppender"/>'s.
/// </summary>
public sealed class ComplaintCommandPipeline(
    IDocumentStore store, OutboxedSessionFactory outbox, IWolverineRuntime runtime, ComplaintAppender appender,
    Microsoft.Extensions.Options.IOptions<Registering.IntakeOptions> intake, EngineMetrics metrics,
    ILogger<ComplaintCommandPipeline> logger)
{
    /// <summary>
    /// The first attempt is optimistic. A writer that lost a race retries holding the stream's row lock,
    /// so it waits for the winner instead of racing again; the extra rounds only cover idempotency-key
    /// collisions and a lock holder that itself failed.
    /// </summary>
    private const int Attempts = 10;

    public Instant Now => appender.Now;

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
        try
        {
            command = RootCauses.Checked(command, intake.Value.RootCauses, validator);
            validator.ThrowIfInvalid();
            // Holding one approving role does not let a caller sign for the other body.
            if (command is IApproval approval && !caller.IsInRole(WireNames.Of(approval.Approver)))
                throw new AccessDeniedException($"Only {WireNames.Of(approval.Approver)} may sign as {WireNames.Of(approval.Approver)}.");
            // Nor does a department's token sign for another department: each notified department signs for itself.
            if (command is AcknowledgeComplaint acknowledgement
                && DepartmentScope.Of(caller, Policies.HandleInDepartment) is { } own && !Departments.Same(own, acknowledgement.Department))
                throw new AccessDeniedException($"This token is for department '{own}'; it signs for that department only.");
        }
        catch (Exception e) when (metrics.Refused(command, e))
        {
            throw; // Never reached: the filter counts the refusal and declines to catch it.
        }
        return ExecuteAsync(command, context, ct);
    }

    public Task<IResult> ExecuteAsync(ComplaintCommand command, CommandContext context, CancellationToken ct,
        bool exclusive = false, Func<IDocumentSession, Appended, CancellationToken, Task>? alongside = null) =>
        ExecuteAsync((_, _) => Task.FromResult(command), context, ct, exclusive, alongside);

    /// <summary>
    /// Runs the command <paramref name="build"/> makes on the write's own session (a registration draws its ledger
    /// number there, on the connection the write uses anyway); it is built once, whatever the retries.
    /// <paramref name="alongside"/> adds writes of its own to the same commit once events were decided.
    /// </summary>
    public async Task<IResult> ExecuteAsync(Func<IQuerySession, CancellationToken, Task<ComplaintCommand>> build,
        CommandContext context, CancellationToken ct, bool exclusive = false,
        Func<IDocumentSession, Appended, CancellationToken, Task>? alongside = null)
    {
        ComplaintCommand? command = null;
        try
        {
            for (var attempt = 1; attempt <= Attempts; attempt++)
            {
                // The outbox commits the timers and webhooks with the events, or neither.
                var messages = new MessageContext(runtime);
                await using var session = outbox.OpenSession(messages);
                session.CorrelationId = context.CorrelationId;
                session.CausationId = context.CausationId;
                command ??= await build(session, ct);

                try
                {
                    var hold = command is RegisterComplaint ? StreamHold.New
                        : exclusive || attempt > 1 && context.ExpectedVersion is null ? StreamHold.Exclusive
                        : StreamHold.Optimistic;
                    var held = await appender.HoldAsync(session, command.ComplaintId, hold, context.ExpectedVersion, ct);
                    // Looked up after reading the stream: a twin with the same key that committed before this read is
                    // found here, one that commits after it makes this write lose the race and come back here.
                    if (await EarlierAnswerAsync(session, context, ct) is { } earlier)
                    {
                        metrics.Replayed(command);
                        return earlier;
                    }
                    if (!held.Exists && command is not RegisterComplaint) throw new ComplaintNotFoundException(command.ComplaintId);

                    var appended = await appender.AppendAsync(held, session, messages, new WorkflowInput.Command(command),
                        context.ActorOf(command));
                    if (alongside is not null && appended.Events.Count > 0) await alongside(session, appended, ct);

                    var answer = new CommandAnswer(command.ComplaintId, appended.Version,
                        appended.Events.OfType<ComplaintReceived>().SingleOrDefault()?.Number,
                        appended.Events.OfType<CorrectiveActionProposed>().SingleOrDefault()?.PlanVersion);
                    var status = command is RegisterComplaint ? StatusCodes.Status201Created : StatusCodes.Status200OK;
                    if (context.StoredKey is { } newKey)
                        session.Insert(new IdempotentRequest
                        {
                            Id = newKey, RequestHash = context.RequestHash, ComplaintId = command.ComplaintId,
                            StatusCode = status, Answer = answer, RecordedAt = command.At
                        });

                    await session.SaveChangesAsync(ct);
                    metrics.Committed(command, appended.Decision);
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
                    if (logger.IsEnabled(LogLevel.Debug)) logger.WriteRaceLost(command.GetType().Name, command.ComplaintId, attempt);
                }
                catch (Exception e) when (LostRace.Caused(e))
                {
                    logger.WriteContention(command.GetType().Name, command.ComplaintId, Attempts);
                    throw new WriteContentionException(command.ComplaintId);
                }
            }
            throw new WriteContentionException(command!.ComplaintId);
        }
        catch (Exception e) when (metrics.Refused(command, e))
        {
            throw; // Never reached: the filter counts the refusal and declines to catch it.
        }
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

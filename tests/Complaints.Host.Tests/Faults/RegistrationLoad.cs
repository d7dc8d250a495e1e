using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Faults;

/// <summary>
/// Clients registering complaints back to back, each registration with an Idempotency-Key and a description of its
/// own. Like a real client, one that gets no 201 (no answer, a refused connection, an error) sends the same request
/// with the same key again until it does: a fault may delay a registration, but must neither lose nor double it.
/// </summary>
public sealed class RegistrationLoad : IDisposable
{
    private static readonly TimeSpan PatienceForOne = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PatienceForStop = TimeSpan.FromSeconds(90);

    private readonly ConcurrentDictionary<string, Answer> acknowledged = new();
    private readonly ConcurrentDictionary<string, int> failures = new();
    private readonly ConcurrentBag<string> abandoned = [];
    private readonly CancellationTokenSource stop = new();
    private readonly List<Task> writers;
    private readonly string prefix;
    private readonly string receiverKind;

    private RegistrationLoad(Func<HttpClient> client, int writerCount, string prefix, string receiverKind)
    {
        this.prefix = prefix;
        this.receiverKind = receiverKind;
        writers = [.. Enumerable.Range(1, writerCount).Select(w => Task.Run(() => WriteAsync(client(), w)))];
    }

    /// <summary>Registrations answered 201, by idempotency key (which is also their description).</summary>
    public IReadOnlyDictionary<string, Answer> Acknowledged => acknowledged;

    /// <summary>What the clients got instead of a 201 and how often: an HTTP status, or the exception.</summary>
    public IReadOnlyDictionary<string, int> Failures => failures;

    /// <summary>Registrations given up after retrying for a minute: none unless the engine never recovered.</summary>
    public IReadOnlyCollection<string> Abandoned => abandoned;

    /// <summary>Every description this load uses starts with this, to tell its complaints from others in the store.</summary>
    public string Prefix => prefix;

    public static RegistrationLoad Start(Func<HttpClient> client, int writers, string prefix,
        string receiverKind = "customer-service") => new(client, writers, prefix, receiverKind);

    /// <summary>Waits until at least <paramref name="count"/> registrations have been acknowledged in all.</summary>
    public async Task UntilAcknowledgedAsync(int count)
    {
        var patience = Stopwatch.StartNew();
        while (acknowledged.Count < count)
        {
            if (patience.Elapsed > PatienceForOne || writers.All(w => w.IsCompleted))
                throw new TimeoutException($"Fewer than {count} registrations acknowledged: {Describe()}");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Lets each client finish (get acknowledged) the registration it is sending, then stops them.</summary>
    public async Task StopAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(writers).WaitAsync(PatienceForStop, TestContext.Current.CancellationToken);
    }

    public void Dispose() => stop.Dispose();

    public string Describe() =>
        $"{acknowledged.Count} acknowledged, {abandoned.Count} abandoned, failures: " +
        string.Join(", ", failures.Select(f => $"{f.Key} ×{f.Value}"));

    private async Task WriteAsync(HttpClient client, int writer)
    {
        using (client)
            for (var n = 1; !stop.IsCancellationRequested; n++)
            {
                var key = $"{prefix}-{writer}-{n}";
                var body = FaultBodies.Registration(description: key, receiverKind);
                var patience = Stopwatch.StartNew();
                while (true)
                {
                    var outcome = await TryRegisterAsync(client, key, body);
                    if (outcome is { Status: HttpStatusCode.Created } answer)
                    {
                        acknowledged[key] = answer;
                        break;
                    }
                    if (patience.Elapsed > PatienceForOne)
                    {
                        abandoned.Add(key);
                        return;
                    }
                    await Task.Delay(50, TestContext.Current.CancellationToken);
                }
            }
    }

    private async Task<Answer?> TryRegisterAsync(HttpClient client, string key, Dictionary<string, object?> body)
    {
        try
        {
            var answer = await client.PostJsonAsync("/api/complaints", body, Recorded.Header("Idempotency-Key", key));
            if (answer.Status != HttpStatusCode.Created) failures.AddOrUpdate(((int)answer.Status).ToString(CultureInfo.InvariantCulture), 1, (_, c) => c + 1);
            return answer;
        }
        catch (Exception e) when (e is HttpRequestException or JsonException
                                      || (e is TaskCanceledException && !TestContext.Current.CancellationToken.IsCancellationRequested))
        {
            // No answer at all (refused, reset, timed out): the request may or may not have been recorded.
            failures.AddOrUpdate(e.GetType().Name, 1, (_, c) => c + 1);
            return null;
        }
    }
}

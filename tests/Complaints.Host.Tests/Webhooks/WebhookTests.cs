using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Infrastructure;
using Complaints.Host.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using NodaTime;

namespace Complaints.Host.Tests.Webhooks;

/// <summary>Subscribers hear of receipts, misses, escalations and closures, signed, even when they were down.</summary>
[Collection(CodegenCollection.Name)]
public sealed class WebhookTests
{
    /// <summary>The secret being retired and its successor: during a rotation both sign, the receiver knows one.</summary>
    private const string OldSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string NewSecret = "whsec_c2VjcmV0LW9mLXRoZS13b3Jrc2hvcC1yZWNlaXZlci0yMDI2";

    /// <summary>The deprecated single secret of the old X-Complaints-Signature header, still honoured one release.</summary>
    private const string LegacySecret = "workshop-webhook-legacy-secret";

    [Fact]
    public async Task A_receiver_that_was_down_gets_every_event_once_signed_and_without_personal_data()
    {
        var ct = TestContext.Current.CancellationToken;
        // Deliveries an earlier run left in the durable queue would arrive too: start from an empty database.
        var connectionString = await TestDatabases.EmptyAsync("complaints_webhook_tests");
        var port = FreePort();
        var clock = new TestClock(ComplaintsApi.Start);
        await using var host = TestDatabases.HostOn(connectionString, clock, builder =>
        {
            builder.UseSetting("Webhooks:Subscribers:0:Name", "workshop");
            builder.UseSetting("Webhooks:Subscribers:0:Url", $"http://127.0.0.1:{port}/hooks");
            builder.UseSetting("Webhooks:Subscribers:0:Secrets:0", OldSecret);
            builder.UseSetting("Webhooks:Subscribers:0:Secrets:1", NewSecret);
            builder.UseSetting("Webhooks:Subscribers:0:Secret", LegacySecret);
            builder.UseSetting("Webhooks:RetryDelays:0", "00:00:00.300");
            builder.UseSetting("Webhooks:RetryDelays:1", "00:00:00.700");
            builder.UseSetting("Deadlines:PolicyFile", ShortDeadlines.ForwardingPolicy());
        });
        using var staff = host.StaffClient();

        // The receiver is not even listening while the complaints are recorded.
        var urgent = Bodies.Registration(severity: "A");
        var classA = (await staff.PostJsonAsync("/api/complaints", urgent)).ShouldBe(HttpStatusCode.Created).Id;
        var closed = await staff.RegisterConfirmedAsync();
        await staff.WalkFromPlanToClosureAsync(closed, planVersion: 1);
        // A regional receiver's complaint misses its three-second forwarding deadline: the watch records it.
        var unforwarded = await staff.RegisterAsync(receiverKind: "regional");
        clock.Advance(Duration.FromSeconds(10));
        await Task.Delay(TimeSpan.FromSeconds(1.5), ct);
        // Then it comes up, and fails its first answers too.
        await using var receiver = await Receiver.StartAsync(port, failFirst: 2, ct);

        var expected = new[] { $"{classA:N}", $"{closed:N}", $"{unforwarded:N}" };
        var patience = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        bool AllArrived() =>
            receiver.Acknowledged.Count(d => d.Type == "ComplaintReceived") == 3
            && receiver.Acknowledged.Any(d => d.Type == "ComplaintClosed")
            && receiver.Acknowledged.Any(d => d.Type == "DeadlineMissed" && d.DeliveryId.StartsWith($"{unforwarded:N}", StringComparison.Ordinal))
            && receiver.Acknowledged.Count(d => d.Type == "Escalated") >= 2;
        while (!AllArrived() && DateTime.UtcNow < patience) await Task.Delay(200, ct);
        await Task.Delay(TimeSpan.FromSeconds(2), ct); // room for a duplicate to show up

        // Receipts, the closure, the class-A escalation at receipt, and the watch's miss and escalation of D1.
        AllArrived().ShouldBeTrue(string.Join(", ", receiver.Acknowledged.Select(d => d.Type)));
        receiver.Acknowledged.Count(d => d.Type == "ComplaintClosed").ShouldBe(1);
        receiver.Acknowledged.GroupBy(d => d.DeliveryId).ShouldAllBe(g => g.Count() == 1);
        receiver.Acknowledged.ShouldAllBe(d => d.SignatureValid && d.LegacySignatureValid
                                               && expected.Any(id => d.DeliveryId.StartsWith(id, StringComparison.Ordinal)));
        receiver.Attempts.ShouldBeGreaterThan(receiver.Acknowledged.Count);
        receiver.Bodies.ShouldAllBe(body => !body.Contains("Li Wei") && !body.Contains("138 0000"));
        var received = JsonNode.Parse(receiver.Bodies.First(b => b.Contains("\"ComplaintReceived\"")))!;
        received["details"]!["number"]!.GetValue<string>().ShouldStartWith("CP-");
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed record Delivered(string DeliveryId, string Type, bool SignatureValid, bool LegacySignatureValid);

    /// <summary>A subscriber on loopback that answers 503 to its first requests, then 200, and remembers what it got.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication app;
        private int attempts;

        private Receiver(WebApplication app) => this.app = app;

        public ConcurrentQueue<Delivered> Acknowledged { get; } = new();
        public ConcurrentQueue<string> Bodies { get; } = new();
        public int Attempts => attempts;

        public static async Task<Receiver> StartAsync(int port, int failFirst, CancellationToken ct)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/hooks", async (HttpContext http) =>
            {
                var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
                if (Interlocked.Increment(ref receiver.attempts) <= failFirst) return Results.StatusCode(503);
                receiver.Bodies.Enqueue(body);
                var headers = http.Request.Headers;
                receiver.Acknowledged.Enqueue(new Delivered(
                    headers["webhook-id"].ToString(),
                    JsonNode.Parse(body)!["type"]!.GetValue<string>(),
                    ReferenceVerifier.Verifies(NewSecret, headers["webhook-id"], headers["webhook-timestamp"],
                        headers["webhook-signature"], body, DateTimeOffset.UtcNow),
                    headers["X-Complaints-Signature"].ToString() == WebhookDeliveryHandler.Sign(LegacySecret, body)
                    && headers["X-Complaints-Delivery"] == headers["webhook-id"]));
                return Results.Ok();
            });
            await app.StartAsync(ct);
            return receiver;
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}

using System.Diagnostics;
using System.Net;
using Complaints.Host.Telemetry;
using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Faults;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Complaints.Host.Tests.Telemetry;

/// <summary>What an OpenTelemetry backend receives, read from the SDK's in-memory exporter (an OTLP collector's stand-in).</summary>
[Collection(CodegenCollection.Name)]
public sealed class TelemetryTests
{
    [Fact]
    public async Task A_command_is_one_trace_from_the_HTTP_request_through_Marten_and_PostgreSQL_to_Wolverine_and_its_logs_carry_the_ids()
    {
        var spans = new Exported<Activity>();
        var (host, logs) = await HostAsync(spans, new Exported<Metric>());
        await using var _ = host;
        using var staff = host.StaffClient();
        staff.DefaultRequestHeaders.Add("X-Correlation-Id", "telemetry-walk-1");

        (await staff.PostJsonAsync("/api/complaints", Bodies.Registration())).ShouldBe(HttpStatusCode.Created);

        // The server span ends once the answer is written; the outbox sends the timers and webhooks after the commit.
        var trace = await Poll.UntilAsync(() => Task.FromResult(spans.Snapshot()
                .Where(s => s.TraceId == spans.Snapshot().SingleOrDefault(IsRegistration)?.TraceId).ToList()),
            found => new[] { "Microsoft.AspNetCore", "Marten", "Npgsql", "Wolverine" }.All(source => found.Any(s => s.Source.Name == source)),
            TimeSpan.FromSeconds(20));
        var request = trace.Single(IsRegistration);
        var sources = trace.Select(s => s.Source.Name).Distinct().ToList();
        sources.ShouldContain("Microsoft.AspNetCore", string.Join(", ", sources));
        sources.ShouldContain("Marten", string.Join(", ", sources));
        sources.ShouldContain("Npgsql", string.Join(", ", sources));
        sources.ShouldContain("Wolverine", string.Join(", ", sources));
        request.GetTagItem("complaints.correlation_id").ShouldBe("telemetry-walk-1");

        var inRequest = logs.Entries.Where(e => e.Scopes.TryGetValue("CorrelationId", out var id) && Equals(id, "telemetry-walk-1")).ToList();
        inRequest.ShouldNotBeEmpty(logs.Describe(LogLevel.Information));
        inRequest.ShouldAllBe(e => Equals(e.Scopes["TraceId"], request.TraceId.ToHexString()));
        inRequest.ShouldAllBe(e => e.Scopes.ContainsKey("CausationId"));
    }

    [Fact]
    public async Task The_engine_meter_counts_commands_by_type_and_outcome_and_the_deadlines_they_set()
    {
        var metrics = new Exported<Metric>();
        var (host, _) = await HostAsync(new Exported<Activity>(), metrics);
        await using var _ = host;
        using var staff = host.StaffClient();

        var id = (await staff.PostJsonAsync("/api/complaints", Bodies.Registration())).ShouldBe(HttpStatusCode.Created).Id;
        (await staff.PostJsonAsync($"/api/complaints/{id}/closure", new { sentTo = "customer", by = "Zhao" }))
            .ShouldBe(HttpStatusCode.Conflict);
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();

        Sum(metrics, "complaints.commands", ("command", "RegisterComplaint"), ("outcome", "accepted")).ShouldBe(1);
        Sum(metrics, "complaints.commands", ("command", "CloseComplaint"), ("outcome", "not-allowed")).ShouldBe(1);
        Sum(metrics, "complaints.deadlines.set").ShouldBeGreaterThan(0);
        var names = metrics.Snapshot().Select(m => m.Name).ToList();
        names.ShouldContain("complaints.projections.lag");
        names.ShouldContain("http.server.request.duration");
    }

    private static async Task<(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Host, CapturedLogs Logs)> HostAsync(
        Exported<Activity> spans, Exported<Metric> metrics)
    {
        var connectionString = await TestDatabases.OwnAsync("complaints_telemetry_tests");
        var logs = new CapturedLogs();
        var host = TestDatabases.HostOn(connectionString, new TestClock(ComplaintsApi.Start), builder =>
        {
            builder.UseSetting(TelemetryConfiguration.EnabledSetting, "true");
            // ASP.NET Core's routing says which endpoint runs: a line logged inside every request.
            builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Information");
            // A subscriber makes each command send a delivery through Wolverine; nobody listens, which is fine here.
            builder.UseSetting("Webhooks:Subscribers:0:Name", "telemetry");
            builder.UseSetting("Webhooks:Subscribers:0:Url", "http://127.0.0.1:9/hooks");
            builder.UseSetting("Webhooks:Subscribers:0:Secrets:0", "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<ILoggerProvider>(logs);
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));
                services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
            });
        });
        return (host, logs);
    }

    private static bool IsRegistration(Activity span) =>
        span.Kind == ActivityKind.Server && Equals(span.GetTagItem("http.route"), "/api/complaints");

    private static long Sum(Exported<Metric> metrics, string name, params (string Key, string Value)[] tags)
    {
        long sum = 0;
        foreach (var metric in metrics.Snapshot().Where(m => m.Name == name))
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var pointTags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags) pointTags[tag.Key] = tag.Value;
                if (tags.All(t => Equals(pointTags.GetValueOrDefault(t.Key), t.Value))) sum += point.GetSumLong();
            }
        return sum;
    }

    /// <summary>What the exporter wrote, safe to read while it writes from the SDK's threads.</summary>
    private sealed class Exported<T> : System.Collections.ObjectModel.Collection<T>
    {
        private readonly Lock gate = new();

        public List<T> Snapshot()
        {
            lock (gate) return [.. this];
        }

        protected override void InsertItem(int index, T item)
        {
            lock (gate) base.InsertItem(index, item);
        }
    }
}

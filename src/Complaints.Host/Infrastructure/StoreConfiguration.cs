using Npgsql;
using Complaints.Domain;
using Complaints.Host.Complaints;
using Complaints.Host.Complaints.Writing;
using Complaints.Host.Deadlines;
using Complaints.Host.Infrastructure.Calendars;
using Complaints.Projections;
using Complaints.Projections.Analytics;
using Complaints.Projections.Reporting;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using JasperFx.OpenTelemetry;
using Marten;
using NodaTime;
using JasperFx.Events.Daemon;
using Weasel.Core;
using Weasel.Postgresql;
using Wolverine.Marten;

namespace Complaints.Host.Infrastructure;

public static class StoreConfiguration
{
    public const string Schema = "complaints";
    public const string NumberSequence = Schema + ".complaint_number_seq";

    /// <summary>
    /// What Marten records as the type of every complaint's stream (<c>mt_streams.type</c>: each is started as a
    /// <see cref="ComplaintWriteModel"/>). Marten keeps other streams beside them, its tombstones for one.
    /// </summary>
    public const string ComplaintStreamType = "complaint_write_model";

    /// <summary>
    /// Marten on the configured database, or on the embedded cluster when <c>ConnectionStrings:Marten</c>
    /// is not set. Development creates the schema at start; production applies it with <c>db-apply</c>.
    /// </summary>
    public static WebApplicationBuilder AddComplaintStore(this WebApplicationBuilder builder)
    {
        builder.AddSettings<EmbeddedPostgresOptions>("EmbeddedPostgres", embedded => embedded.Problems());
        builder.AddSettings<ConnectionStringSettings>("ConnectionStrings", strings => strings.Problems(builder.Environment));
        builder.Services.AddSingleton<DatabaseLocation>();
        builder.Services.AddSingleton(services => new ReportProjector(
            new HandlingReportBuilder(services.GetRequiredService<Rules.RuleHistory>().CalendarSource),
            services.GetRequiredService<CustomerKeys>(), services.GetRequiredService<ReadModelSeal>(),
            services.GetRequiredService<IClock>()));

        var telemetry = Telemetry.TelemetryConfiguration.IsEnabled(builder.Configuration);
        var marten = builder.Services.AddMarten(services =>
            {
                var options = new StoreOptions();
                options.Connection(services.GetRequiredService<DatabaseLocation>().ConnectionString);
                ConfigureStore(options, builder.Environment.IsDevelopment(), new ComplaintReportsProjection(
                    services.GetRequiredService<ReportProjector>(), ComplaintStreamType,
                    services.GetRequiredService<ILogger<ComplaintReportsProjection>>()), services.GetRequiredService<ReadModelSeal>());
                options.Logger(new StoreLog(services.GetRequiredService<ILogger<IDocumentStore>>()));
                if (telemetry)
                {
                    // A span per session's connection and counters of the events appended (docs/operations.md).
                    options.OpenTelemetry.TrackConnections = TrackLevel.Normal;
                    options.OpenTelemetry.TrackEventCounters();
                }
                return options;
            })
            .UseLightweightSessions();
        // Who runs the asynchronous projections (docs/adr/0008): on the embedded database this one node does;
        // on a shared database Wolverine's leader assigns each projection to exactly one live node.
        if (builder.Configuration.GetValue("Projections:Distribution",
                builder.Configuration.GetConnectionString("Marten") is { Length: > 0 } ? "cluster" : "solo") == "solo")
        {
            marten.IntegrateWithWolverine();
            marten.AddAsyncDaemon(DaemonMode.Solo);
        }
        else
        {
            marten.IntegrateWithWolverine();
            marten.AddAsyncDaemon(DaemonMode.HotCold);
        }
        if (AppliesSchemaOnStart(builder)) marten.ApplyAllDatabaseChangesOnStartup();
        return builder;
    }

    /// <summary>
    /// Development creates and updates the schema at start; production applies it once per release
    /// (<c>resources setup</c>) and starts without comparing it, unless <c>Store:ApplySchemaOnStart</c> says otherwise.
    /// </summary>
    public static bool AppliesSchemaOnStart(WebApplicationBuilder builder) =>
        AppliesSchemaOnStart(builder.Environment, builder.Configuration);

    private static bool AppliesSchemaOnStart(IHostEnvironment environment, IConfiguration configuration) =>
        environment.IsDevelopment() || configuration.GetValue<bool>("Store:ApplySchemaOnStart");

    /// <summary>
    /// Where the schema is not applied at start, a database that has none of it yet is the operator's to set up: one
    /// line before anything starts, rather than Wolverine's start-up failure and its stack traces.
    /// </summary>
    public static async Task EnsureSchemaAppliedAsync(this WebApplication app, string[] args)
    {
        if (CommandLine.IsCommand(args) || AppliesSchemaOnStart(app.Environment, app.Configuration)) return;
        await using var connection = new NpgsqlConnection(app.Services.GetRequiredService<DatabaseLocation>().ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"select to_regclass('{Schema}.mt_events') is not null and to_regclass('{Schema}.wolverine_incoming_envelopes') is not null",
            connection);
        if (await command.ExecuteScalarAsync() is not true)
            throw new StartupFailure($"The database {connection.Database} has no schema of this engine: apply it once per " +
                                     "release with the `resources setup` command (docs/operations.md), then start again.");
    }

    public static void ConfigureStore(StoreOptions options, bool createSchemaOnDemand, ComplaintReportsProjection reports,
        ReadModelSeal seal)
    {
        options.DatabaseSchemaName = Schema;
        options.AutoCreateSchemaObjects = createSchemaOnDemand ? AutoCreate.CreateOrUpdate : AutoCreate.None;
        options.UseSystemTextJsonForSerialization(ComplaintJson.Create(), EnumStorage.AsString, Casing.CamelCase);

        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        // Events keep the timestamp the engine stamped and hashed (docs/adr/0009). Despite its name this mode takes
        // timestamps from the application; plain Quick would overwrite them with the database's now().
        options.Events.AppendMode = EventAppendMode.QuickWithServerTimestamps;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Events.AddEventTypes(typeof(IComplaintEvent).Assembly.GetTypes()
            .Where(t => t.IsClass && typeof(IComplaintEvent).IsAssignableFrom(t)));

        // The write model is folded from the stream by each write and never stored (docs/adr/0020).
        options.Projections.Add(new ComplaintWriteModelProjection(), ProjectionLifecycle.Live);
        // Inline: a client reads its own write at once (docs/adr/0008). The reports may lag by a moment.
        options.Projections.Add(new ComplaintDetailsProjection(seal), ProjectionLifecycle.Inline);
        options.Schema.For<ComplaintDetails>().UniqueIndex(c => c.Number);
        AddReports(options, reports);
        options.Schema.For<IdempotentRequest>();
        options.Schema.For<Rules.RuleVersion>();
        options.Schema.For<Reports.Scheduled.ReportDelivery>();
        options.Storage.ExtendedSchemaObjects.Add(new Sequence(NumberSequence));
        options.Storage.ExtendedSchemaObjects.Add(Complaints.StaffWork.Evidence.Definition());
    }

    /// <summary>
    /// The reports and analytics tables, projected asynchronously. A complaint whose report cannot be built, or
    /// whose events cannot be read, is recorded as failed by the projection itself and the others go on
    /// (docs/adr/0014).
    /// </summary>
    private static void AddReports(StoreOptions options, ComplaintReportsProjection reports)
    {
        // No teardown: `reports rebuild` builds beside the live tables and swaps (docs/analytics.md), and a
        // daemon rebuild that emptied the tables first would leave analysts with nothing until it finished.
        options.Projections.Add(reports, ProjectionLifecycle.Async, ComplaintReportsProjection.Name, daemon =>
            {
                // Catching up commits once per batch: 2,000 events (Marten's default is 500) cut the round trips;
                // a live batch is small anyway (docs/benchmarks.md).
                daemon.BatchSize = 2000;
            });
        options.Schema.For<HandlingReport>().Index(r => r.Number);
        foreach (var table in AnalyticsSchema.All)
            options.Storage.ExtendedSchemaObjects.Add(table.Definition);
        options.Storage.ExtendedSchemaObjects.Add(new AnalystRole(AnalystRole.DefaultName));

        // An event the daemon cannot read is left out of its batch rather than stopping it: the projection finds it in
        // the store's events since its last batch, reads its stream again and records the complaint as failed
        // (ADR 0014). An error the projection itself throws is the infrastructure's and stops it, loudly.
        options.Projections.Errors.SkipSerializationErrors = true;
        options.Projections.Errors.SkipUnknownEvents = true;
        options.Projections.Errors.SkipApplyErrors = false;
    }
}

/// <summary>
/// Where the store lives: resolved once. Without a connection string, Development starts the embedded cluster; anywhere
/// else that is a start-up error, since a production engine must never quietly keep its events in a local folder.
/// </summary>
public sealed class DatabaseLocation(IConfiguration configuration, IHostEnvironment environment,
    Microsoft.Extensions.Options.IOptions<EmbeddedPostgresOptions> embedded, ILogger<EmbeddedPostgres> logger)
{
    private readonly Lazy<string> connectionString = new(() =>
        configuration.GetConnectionString("Marten") is { Length: > 0 } configured
            ? configured
            : environment.IsDevelopment()
                ? new EmbeddedPostgres(embedded.Value, logger).EnsureRunningAsync().GetAwaiter().GetResult()
                : throw new StartupFailure("ConnectionStrings:" + ConnectionStringSettings.NotSet(environment)));

    public string ConnectionString => connectionString.Value;
}

/// <summary>
/// The connection strings, checked with the other settings at start, so a Production engine given nothing names the
/// missing store together with everything else it needs (docs/operations.md).
/// </summary>
public sealed class ConnectionStringSettings
{
    public string? Marten { get; set; }

    public IEnumerable<string> Problems(IHostEnvironment environment)
    {
        if (string.IsNullOrWhiteSpace(Marten) && !environment.IsDevelopment()) yield return NotSet(environment);
    }

    public static string NotSet(IHostEnvironment environment) =>
        $"Marten is not set. Outside Development (this is {environment.EnvironmentName}) the engine needs a PostgreSQL " +
        "connection string; the embedded cluster runs only in Development.";
}

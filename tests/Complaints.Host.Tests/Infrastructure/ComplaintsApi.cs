using JasperFx.CommandLine;
using Complaints.Projections.Analytics;
using Marten;
using Marten.Events;
using Marten.Events.Daemon.Coordination;
using Npgsql;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Complaints.Host.Tests.Infrastructure;

/// <summary>
/// One host per test collection, on the same embedded PostgreSQL cluster the engine uses by default,
/// in a database of its own. Tests reset the data, not the host.
/// </summary>
public class ComplaintsApi : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string database;

    public ComplaintsApi() : this("complaints_tests") { }

    /// <summary>A host like the shared one, on a database of its own (the console's browser tests).</summary>
    protected ComplaintsApi(string database) => this.database = database;

    public static readonly Instant Start = Instant.FromUtc(2026, 11, 20, 1, 0);

    private string connectionString = "";

    public TestClock Clock { get; } = new(Start);

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    public string ConnectionString => connectionString;

    public async ValueTask InitializeAsync()
    {
        connectionString = await TestDatabases.Cluster(database).EnsureRunningAsync();
        _ = Services; // start the host once for the whole collection
    }

    /// <summary>
    /// Empties the store and the analytics tables and rewinds the clock so every test starts from nothing;
    /// the projections pause meanwhile so none writes a row of the previous test afterwards.
    /// </summary>
    public async Task ResetAsync()
    {
        var projections = Services.GetRequiredService<IProjectionCoordinator>();
        await projections.PauseAsync();
        // The previous test's notifications may still be delivered (a batch waits a quarter second): the reset's
        // deletes can then deadlock with its commit, and PostgreSQL picks one side. Trying again clears the store.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Store.Advanced.ResetAllData();
                break;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                await Task.Delay(100 * attempt);
            }
        }
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            var tables = string.Join(", ", AnalyticsSchema.All.Select(t => t.QualifiedName));
            await using var truncate = new NpgsqlCommand($"truncate {tables}", connection);
            await truncate.ExecuteNonQueryAsync();
        }
        await projections.ResumeAsync();
        Clock.Set(Start);
        // As a fresh start does: the files' rule versions are in the store (docs/rules-over-time.md).
        await Services.GetRequiredService<global::Complaints.Host.Rules.RuleHistory>().RecordAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Waits until the asynchronous projections have caught up with every event appended so far.</summary>
    public Task WaitForReportsAsync() => Store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        UseTestDefaults(builder, connectionString, Clock);
        builder.UseSetting("RequestLimits:MaxBodyBytes", "65536");
    }

    /// <summary>How every test host runs: development schema handling, one node, the test's database and clock.</summary>
    public static void UseTestDefaults(IWebHostBuilder builder, string connectionString, IClock clock)
    {
        JasperFxEnvironment.AutoStartHost = true;
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Marten", connectionString);
        builder.UseSetting("Messaging:DurabilityMode", "Solo");
        builder.UseSetting("Projections:Distribution", "solo");
        // Scheduled reports run only where a test asks for them (ScheduledReportTests), not beside every other test.
        builder.UseSetting("ScheduledReports:Enabled", "false");
        // Mail the tests cause goes to a folder of their own, never into the checkout's .data/mail.
        builder.UseSetting("Notifications:PickupDirectory", Path.Combine(Path.GetTempPath(), "complaints-test-mail"));
        builder.ConfigureTestServices(services => services.AddSingleton(clock));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ComplaintsApi>
{
    public const string Name = "api";
}

/// <summary>Base for HTTP tests: a client on the shared host and a clean store before each test.</summary>
[Collection(ApiCollection.Name)]
public abstract class ApiTest(ComplaintsApi api) : IAsyncLifetime
{
    protected ComplaintsApi Api { get; } = api;

    protected HttpClient Client { get; } = api.StaffClient();

    public async ValueTask InitializeAsync() => await Api.ResetAsync();

    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}

using Complaints.Domain;
using Complaints.Host.Complaints;
using Complaints.Projections;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Weasel.Core;
using Weasel.Postgresql;
using Wolverine.Marten;

namespace Complaints.Host.Infrastructure;

public static class StoreConfiguration
{
    public const string Schema = "complaints";
    public const string NumberSequence = Schema + ".complaint_number_seq";

    /// <summary>
    /// Marten on the configured database, or on the embedded cluster when <c>ConnectionStrings:Marten</c>
    /// is not set. Development creates the schema at start; production applies it with <c>db-apply</c>.
    /// </summary>
    public static WebApplicationBuilder AddComplaintStore(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<EmbeddedPostgresOptions>(builder.Configuration.GetSection("EmbeddedPostgres"));
        builder.Services.AddSingleton<DatabaseLocation>();

        var marten = builder.Services.AddMarten(services =>
            {
                var options = new StoreOptions();
                options.Connection(services.GetRequiredService<DatabaseLocation>().ConnectionString);
                ConfigureStore(options, builder.Environment.IsDevelopment());
                return options;
            })
            .UseLightweightSessions()
            .IntegrateWithWolverine();
        if (builder.Environment.IsDevelopment() || builder.Configuration.GetValue<bool>("Store:ApplySchemaOnStart"))
            marten.ApplyAllDatabaseChangesOnStartup();
        return builder;
    }

    public static void ConfigureStore(StoreOptions options, bool createSchemaOnDemand)
    {
        options.DatabaseSchemaName = Schema;
        options.AutoCreateSchemaObjects = createSchemaOnDemand ? AutoCreate.CreateOrUpdate : AutoCreate.None;
        options.UseSystemTextJsonForSerialization(ComplaintJson.Create(), EnumStorage.AsString, Casing.CamelCase);

        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;
        options.Events.MetadataConfig.HeadersEnabled = true;
        options.Events.AddEventTypes(typeof(IComplaintEvent).Assembly.GetTypes()
            .Where(t => t.IsClass && typeof(IComplaintEvent).IsAssignableFrom(t)));

        options.Projections.Add(new ComplaintDetailsProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<ComplaintDetails>().UniqueIndex(c => c.Number);
        options.Schema.For<IdempotentRequest>();
        options.Storage.ExtendedSchemaObjects.Add(new Sequence(NumberSequence));
    }
}

/// <summary>Where the store lives: resolved once, starting the embedded cluster when nothing is configured.</summary>
public sealed class DatabaseLocation(IConfiguration configuration, Microsoft.Extensions.Options.IOptions<EmbeddedPostgresOptions> embedded,
    ILogger<EmbeddedPostgres> logger)
{
    private readonly Lazy<string> connectionString = new(() =>
        configuration.GetConnectionString("Marten") is { Length: > 0 } configured
            ? configured
            : new EmbeddedPostgres(embedded.Value, logger).EnsureRunningAsync().GetAwaiter().GetResult());

    public string ConnectionString => connectionString.Value;
}

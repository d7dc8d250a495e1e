using Complaints.Projections;
using JasperFx;
using JasperFx.CodeGeneration;
using Wolverine;

namespace Complaints.Host.Infrastructure;

public static class MessagingConfiguration
{
    /// <summary>
    /// Wolverine with pre-generated handler code (docs/adr/0005): start-up loads the committed types from
    /// Internal/Generated instead of compiling them; `dotnet run -- codegen write` refreshes them.
    /// </summary>
    public static WebApplicationBuilder AddComplaintMessaging(this WebApplicationBuilder builder)
    {
        builder.Host.ApplyJasperFxExtensions();
        builder.Services.CritterStackDefaults(defaults =>
        {
            defaults.Development.GeneratedCodeMode = TypeLoadMode.Static;
            defaults.Production.GeneratedCodeMode = TypeLoadMode.Static;
        });
        builder.Host.UseWolverine(options =>
        {
            // Under WebApplicationFactory the entry assembly is the test assembly; handlers live here.
            options.ApplicationAssembly = typeof(MessagingConfiguration).Assembly;
            options.CodeGeneration.TypeLoadMode = TypeLoadMode.Static;
            options.UseSystemTextJsonForSerialization(json => ComplaintJson.Configure(json));
            // One node owns the embedded database; shared databases use leader election.
            options.Durability.Mode = builder.Configuration.GetValue("Messaging:DurabilityMode",
                builder.Configuration.GetConnectionString("Marten") is { Length: > 0 }
                    ? DurabilityMode.Balanced
                    : DurabilityMode.Solo);
        });
        return builder;
    }
}

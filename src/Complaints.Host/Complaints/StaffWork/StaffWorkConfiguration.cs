using System.Text;
using Complaints.Domain;
using Complaints.Host.Infrastructure;
using Complaints.Projections;
using Microsoft.Extensions.Options;

namespace Complaints.Host.Complaints.StaffWork;

public sealed class SearchOptions
{
    public const string DevelopmentSecretPrefix = "development-";

    /// <summary>
    /// The secret of the customer keys (docs/adr/0024) and of the read models' seal (docs/adr/0040): changing it makes
    /// every stored key unfindable and every sealed customer unreadable until the rebuilds.
    /// </summary>
    public string CustomerKeySecret { get; set; } = "";

    public IEnumerable<string> Problems(bool development)
    {
        if (Encoding.UTF8.GetByteCount(CustomerKeySecret) < CustomerKeys.MinimumSecretBytes)
            yield return $"CustomerKeySecret must have at least {CustomerKeys.MinimumSecretBytes} bytes.";
        else if (!development && CustomerKeySecret.StartsWith(DevelopmentSecretPrefix, StringComparison.OrdinalIgnoreCase))
            yield return "CustomerKeySecret is a development secret; configure one of your own outside Development.";
    }
}

/// <summary>Owners, notes and evidence, worklists and search (procedure §9).</summary>
public static class StaffWorkConfiguration
{
    public static WebApplicationBuilder AddComplaintStaffWork(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.AddSettings<SearchOptions>("Search", search => search.Problems(development));
        builder.Services.AddSingleton(services =>
            new CustomerKeys(Encoding.UTF8.GetBytes(services.GetRequiredService<IOptions<SearchOptions>>().Value.CustomerKeySecret)));
        builder.Services.AddSingleton(services =>
            new ReadModelSeal(Encoding.UTF8.GetBytes(services.GetRequiredService<IOptions<SearchOptions>>().Value.CustomerKeySecret)));
        return builder;
    }
}

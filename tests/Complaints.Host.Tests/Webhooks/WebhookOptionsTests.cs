using Complaints.Host.Webhooks;
using Microsoft.Extensions.Configuration;

namespace Complaints.Host.Tests.Webhooks;

public sealed class WebhookOptionsTests
{
    [Fact]
    public void Configured_retry_delays_replace_the_defaults_rather_than_extend_them()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhooks:RetryDelays:0"] = "00:00:02"
        }).Build();

        var configured = configuration.GetSection("Webhooks").Get<WebhookOptions>()!;

        configured.Delays.ShouldBe([TimeSpan.FromSeconds(2)]);
        new WebhookOptions().Delays.Count.ShouldBe(4);
    }
}

using Complaints.Host.Infrastructure;
using Complaints.Projections;
using Microsoft.Extensions.Options;
using Wolverine;
using Wolverine.ErrorHandling;

namespace Complaints.Host.Webhooks;

public static class WebhookConfiguration
{
    public const string Queue = "webhooks";

    public static WebApplicationBuilder AddComplaintWebhooks(this WebApplicationBuilder builder)
    {
        builder.AddSettings<WebhookOptions>(WebhookOptions.Section, webhooks => webhooks.Problems());
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<WebhookOptions>>().Value);
        builder.Services.AddSingleton(services => new Webhooks(services.GetRequiredService<WebhookOptions>(), ComplaintJson.Create()));
        builder.Services.AddHttpClient(nameof(WebhookDelivery), client => client.Timeout = TimeSpan.FromSeconds(10));
        return builder;
    }

    /// <summary>Deliveries wait in a durable local queue; a failing receiver is retried, never given up on.</summary>
    public static void RouteWebhooks(this WolverineOptions wolverine, IConfiguration configuration)
    {
        var delays = (configuration.GetSection(WebhookOptions.Section).Get<WebhookOptions>() ?? new WebhookOptions()).Delays;
        wolverine.PublishMessage<WebhookDelivery>().ToLocalQueue(Queue);
        wolverine.OnException<WebhookFailedException>().ScheduleRetryIndefinitely([.. delays]);
    }
}

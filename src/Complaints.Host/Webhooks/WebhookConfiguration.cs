using Complaints.Projections;
using Wolverine;
using Wolverine.ErrorHandling;

namespace Complaints.Host.Webhooks;

public static class WebhookConfiguration
{
    public const string Queue = "webhooks";

    public static WebApplicationBuilder AddComplaintWebhooks(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Webhooks").Get<WebhookOptions>() ?? new WebhookOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(new Webhooks(options, ComplaintJson.Create()));
        builder.Services.AddHttpClient(nameof(WebhookDelivery), client => client.Timeout = TimeSpan.FromSeconds(10));
        return builder;
    }

    /// <summary>Deliveries wait in a durable local queue; a failing receiver is retried, never given up on.</summary>
    public static void RouteWebhooks(this WolverineOptions wolverine, IConfiguration configuration)
    {
        var delays = (configuration.GetSection("Webhooks").Get<WebhookOptions>() ?? new WebhookOptions()).Delays;
        wolverine.PublishMessage<WebhookDelivery>().ToLocalQueue(Queue);
        wolverine.OnException<WebhookFailedException>().ScheduleRetryIndefinitely([.. delays]);
    }
}

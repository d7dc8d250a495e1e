using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Complaints.Host.Webhooks;

/// <summary>The receiver could not be reached or answered something other than 2xx: tried again later.</summary>
public sealed class WebhookFailedException(string message, Exception? cause = null) : Exception(message, cause);

/// <summary>
/// Posts one delivery. It comes from the durable outbox, written with the events it reports, and is retried until
/// the receiver answers 2xx; only then is it done, so an acknowledged delivery is not sent again.
/// </summary>
public static class WebhookDeliveryHandler
{
    // Deprecated, sent for one more release beside the Standard Webhooks headers (docs/integration.md).
    public const string SignatureHeader = "X-Complaints-Signature";
    public const string DeliveryHeader = "X-Complaints-Delivery";
    public const string EventHeader = "X-Complaints-Event";

    public static async Task Handle(WebhookDelivery delivery, IHttpClientFactory clients, WebhookOptions options,
        ILogger<WebhookDelivery> logger, CancellationToken ct)
    {
        if (options.Subscribers.SingleOrDefault(s => s.Name == delivery.Subscriber) is not { Url: { } url } subscriber)
        {
            logger.WebhookSubscriberGone(delivery.Subscriber, delivery.DeliveryId);
            return;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json")
        };
        // Each attempt is signed anew at the system's time: receivers refuse stale timestamps against their own clocks.
        var timestamp = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();
        request.Headers.Add(StandardWebhookSignature.IdHeader, delivery.DeliveryId);
        request.Headers.Add(StandardWebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(StandardWebhookSignature.SignatureHeader,
            StandardWebhookSignature.Sign(subscriber.SigningKeys, delivery.DeliveryId, timestamp, delivery.Body));
        request.Headers.Add(DeliveryHeader, delivery.DeliveryId);
        request.Headers.Add(EventHeader, delivery.Type);
        if (subscriber.Secret.Length > 0) request.Headers.Add(SignatureHeader, Sign(subscriber.Secret, delivery.Body));
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(nameof(WebhookDelivery)).SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new WebhookFailedException($"Webhook subscriber {subscriber.Name} is unreachable.", e);
        }
        using (response)
            if (!response.IsSuccessStatusCode)
                throw new WebhookFailedException($"Webhook subscriber {subscriber.Name} answered {(int)response.StatusCode}.");
    }

    /// <summary>The deprecated signature: <c>sha256=</c> and the hex HMAC-SHA256 of the body under the old <c>Secret</c>.</summary>
    public static string Sign(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
}

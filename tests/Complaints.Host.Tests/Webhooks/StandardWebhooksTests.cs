using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Infrastructure;
using Complaints.Host.Webhooks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Complaints.Host.Tests.Webhooks;

/// <summary>
/// Receivers verify deliveries with any Standard Webhooks library; wrong subscriber settings are refused naming them
/// (the engine checks them at start: Startup/StartupTests).
/// </summary>
[Collection(CodegenCollection.Name)]
public sealed class StandardWebhooksTests
{
    // The specification's published example.
    private const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string Id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private const long Timestamp = 1614265330;
    private const string Payload = """{"test": 2432232314}""";
    private const string Signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    [Fact]
    public void The_engine_signs_the_specifications_example_as_published_and_with_every_key_while_rotating()
    {
        var key = StandardWebhookSignature.KeyOf(Secret)!;
        var successor = StandardWebhookSignature.KeyOf("whsec_c2VjcmV0LW9mLXRoZS13b3Jrc2hvcC1yZWNlaXZlci0yMDI2")!;

        StandardWebhookSignature.Sign([key], Id, Timestamp, Payload).ShouldBe(Signature);
        var rotating = StandardWebhookSignature.Sign([successor, key], Id, Timestamp, Payload);

        rotating.Split(' ').ShouldBe([rotating.Split(' ')[0], Signature]);
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(Timestamp);
        ReferenceVerifier.Verifies(Secret, Id, $"{Timestamp}", rotating, Payload, signedAt).ShouldBeTrue();
        ReferenceVerifier.Verifies(Secret, Id, $"{Timestamp}", rotating, Payload + " ", signedAt).ShouldBeFalse();
        ReferenceVerifier.Verifies(Secret, Id, $"{Timestamp}", rotating, Payload, signedAt.AddMinutes(6))
            .ShouldBeFalse("a replay after five minutes");
    }

    [Theory]
    [InlineData("Url", "ftp://workshop.example/hooks", "Webhooks:Subscribers:0:Url must be an absolute http or https URL")]
    [InlineData("Url", "/hooks", "Webhooks:Subscribers:0:Url must be an absolute http or https URL")]
    [InlineData("Secrets:0", "whsec_c2hvcnQ=", "Webhooks:Subscribers:0:Secrets:0 must be whsec_ followed by the base64 of 24 to 64 random bytes")]
    [InlineData("Secrets:0", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "Webhooks:Subscribers:0:Secrets:0 must be whsec_")]
    [InlineData("Events:0", "ComplaintOpened", "Webhooks:Subscribers:0:Events:0 'ComplaintOpened' is not an event subscribers can hear of")]
    [InlineData("Name", "work shop", "Webhooks:Subscribers:0:Name must be 1 to 100 letters, digits")]
    [InlineData("Secret", "short", "Webhooks:Subscribers:0:Secret (deprecated) must have at least 16 bytes")]
    public async Task A_wrong_subscriber_setting_is_refused_naming_it(string setting, string value, string message)
    {
        var connectionString = await TestDatabases.OwnAsync("complaints_webhook_settings");
        await using var host = TestDatabases.HostOn(connectionString, new TestClock(ComplaintsApi.Start), builder =>
        {
            builder.UseSetting("Webhooks:Subscribers:0:Name", "workshop");
            builder.UseSetting("Webhooks:Subscribers:0:Url", "https://workshop.example/hooks");
            builder.UseSetting("Webhooks:Subscribers:0:Secrets:0", Secret);
            builder.UseSetting($"Webhooks:Subscribers:0:{setting}", value);
        });

        Should.Throw<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<WebhookOptions>>().Value)
            .Message.ShouldContain(message);
    }

    [Fact]
    public async Task A_subscriber_with_only_the_old_secret_is_told_to_add_a_standard_one()
    {
        var connectionString = await TestDatabases.OwnAsync("complaints_webhook_settings");
        await using var host = TestDatabases.HostOn(connectionString, new TestClock(ComplaintsApi.Start), builder =>
        {
            builder.UseSetting("Webhooks:Subscribers:0:Name", "workshop");
            builder.UseSetting("Webhooks:Subscribers:0:Url", "https://workshop.example/hooks");
            builder.UseSetting("Webhooks:Subscribers:0:Secret", "workshop-webhook-legacy-secret");
        });

        Should.Throw<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<WebhookOptions>>().Value)
            .Message.ShouldContain(
            "Webhooks:Subscribers:0:Secrets must hold at least one Standard Webhooks secret (whsec_ and 24 to 64 base64 " +
            "bytes); the old Secret signs only the deprecated X-Complaints-Signature header");
    }
}

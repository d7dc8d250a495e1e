using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Complaints.Host.Tests.Faults;
using Complaints.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Complaints.Host.Tests.Notifications;

/// <summary>Hosts that send to a test SMTP server, the directory they look people up in, and reading what was recorded.</summary>
public static class Mail
{
    public const string HeadLiu = "liu.head@maintenance.example.com";
    public const string EngineerSun = "sun.engineer@maintenance.example.com";
    public const string DirectorChen = "chen.director@cs.example.com";
    public const string Customer = "li.wei@example.com";

    /// <summary>A host of its own, on an empty database, sending to <paramref name="smtp"/>.</summary>
    public static async Task<WebApplicationFactory<Program>> HostAsync(string database, TestClock clock, TestSmtpServer smtp,
        Action<IWebHostBuilder>? configure = null)
    {
        return HostOn(await TestDatabases.EmptyAsync(database), clock, smtp, configure);
    }

    /// <summary>A host on <paramref name="connectionString"/> as it is (a second engine on the same data), sending to <paramref name="smtp"/>.</summary>
    public static WebApplicationFactory<Program> HostOn(string connectionString, TestClock clock, TestSmtpServer smtp,
        Action<IWebHostBuilder>? configure = null) =>
        TestDatabases.HostOn(connectionString, clock, builder =>
        {
            builder.UseSetting("Smtp:Host", "127.0.0.1");
            builder.UseSetting("Smtp:Port", $"{smtp.Port}");
            builder.UseSetting("Smtp:Security", "none");
            builder.UseSetting("Smtp:Timeout", "00:00:05");
            for (var i = 0; i < 40; i++) builder.UseSetting($"Notifications:RetryDelays:{i}", "00:00:00.500");
            configure?.Invoke(builder);
        });

    /// <summary>The directory of cn-east's maintenance department and customer-service director.</summary>
    public static async Task FillDirectoryAsync(WebApplicationFactory<Program> host)
    {
        using var admin = host.ClientFor("Admin Ma", "admin");
        await PutAsync(admin, "cn-east/maintenance/department-head", new { people = new[] { new { name = "Head Liu", email = HeadLiu, language = "zh-CN" } } });
        await PutAsync(admin, "cn-east/maintenance/responsible-person", new { people = new[] { new { name = "Engineer Sun", email = EngineerSun, language = "en" } } });
        await PutAsync(admin, "cn-east/customer-service/customer-service-director", new { people = new[] { new { name = "Director Chen", email = DirectorChen, language = "en" } } });
    }

    public static async Task<Answer> PutAsync(HttpClient client, string entry, object body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/directory/{entry}")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json")
        };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.AnswerAsync(request);
    }

    public static async Task<JsonArray> NotificationsAsync(this HttpClient client, Guid id) =>
        (await client.GetJsonAsync($"/api/complaints/{id}/notifications")).ShouldBe(System.Net.HttpStatusCode.OK).Body!["items"]!.AsArray();

    /// <summary>Waits until every notification of the complaint that is due now has left the queue.</summary>
    public static Task<JsonArray> SettledAsync(this HttpClient client, Guid id, Func<JsonArray, bool> done, int seconds = 30) =>
        Poll.UntilAsync(() => client.NotificationsAsync(id), done, TimeSpan.FromSeconds(seconds));

    public static IEnumerable<JsonNode> OfKind(this JsonArray items, string kind) =>
        items.Where(n => n!["kind"]!.GetValue<string>() == kind).Select(n => n!);

    public static string Status(this JsonNode notification) => notification["status"]!.GetValue<string>();

    public static string Reason(this JsonNode notification) => notification["reason"]?.GetValue<string>() ?? "";

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);
}

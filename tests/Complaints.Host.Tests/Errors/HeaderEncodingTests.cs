using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Complaints.Host.Security;
using Complaints.Host.Tests.Codegen;
using Complaints.Host.Tests.Infrastructure;

namespace Complaints.Host.Tests.Errors;

/// <summary>
/// What Kestrel itself reads before any middleware, over a real socket: a ce- header with raw UTF-8 was a bare 400
/// with no body (outside review); the sender now learns which attribute to percent-encode.
/// </summary>
[Collection(CodegenCollection.Name)]
public sealed class HeaderEncodingTests
{
    [Fact]
    public async Task A_binary_mode_header_with_raw_utf8_is_a_problem_naming_the_attribute()
    {
        var connectionString = await TestDatabases.EmptyAsync("complaints_header_encoding");
        await using var engine = await EngineProcess.StartAsync(connectionString);
        using var service = engine.ClientFor("call-centre", Roles.Service);
        var body = JsonSerializer.Serialize(Bodies.Registration());

        var answer = await RawPostAsync(service, "/api/events", body,
            "ce-specversion: 1.0", "ce-id: 呼叫-1", "ce-source: urn:call-centre", "ce-type: com.complaints.register");

        answer.ShouldStartWith("HTTP/1.1 400");
        answer.ShouldContain("Content-Type: application/problem+json", Case.Insensitive);
        answer.ShouldContain("\"id\":[\"has characters outside printable ASCII");
        (await Faults.StoredEvents.RegistrationsAsync(connectionString, "")).ShouldBeEmpty();
    }

    /// <summary>The request as raw bytes, headers in UTF-8 as a careless sender writes them; the whole answer as text.</summary>
    private static async Task<string> RawPostAsync(HttpClient client, string path, string body, params string[] headers)
    {
        var address = client.BaseAddress!;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, TestContext.Current.CancellationToken);
        await using var stream = tcp.GetStream();
        var content = Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nConnection: close\r\n")
            .Append(CultureInfo.InvariantCulture, $"Authorization: {client.DefaultRequestHeaders.Authorization}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: application/json\r\nContent-Length: {content.Length}\r\n");
        foreach (var header in headers) head.Append(header).Append("\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(head.Append("\r\n").ToString()), TestContext.Current.CancellationToken);
        await stream.WriteAsync(content, TestContext.Current.CancellationToken);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(TestContext.Current.CancellationToken);
    }
}

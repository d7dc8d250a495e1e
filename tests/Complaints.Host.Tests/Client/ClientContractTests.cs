using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Complaints.Client;
using Complaints.Host.Tests.Infrastructure;
using Complaints.Host.Tests.OpenApi;

namespace Complaints.Host.Tests.Client;

/// <summary>
/// The typed client checked against the repository's contract (docs/contract/openapi.json) without a running engine:
/// every method is called against a handler that records what it sends, and each request (verb, path, body) and the
/// answer the method reads must be in the contract as the client assumes. A route renamed in the client, or in the
/// contract without the client, fails here.
/// </summary>
public sealed partial class ClientContractTests
{
    private static readonly JsonNode Contract = JsonNode.Parse(File.ReadAllText(OpenApiContractCopyTests.CopyPath))!;

    public static TheoryData<string> Methods => [.. Calls().Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(Methods))]
    public async Task The_request_and_answer_of_each_method_are_in_the_contract(string name)
    {
        var method = Calls().Single(m => m.Name == name);
        var sent = await SendAsync(method);

        var path = TemplateOf(sent.RequestUri!.AbsolutePath);
        path.ShouldNotBeNull($"{name} sends {sent.Method} {sent.RequestUri.AbsolutePath}, a path the contract does not have");
        var operation = Contract["paths"]![path]![sent.Method.Method.ToLowerInvariant()];
        operation.ShouldNotBeNull($"{name} sends {sent.Method} {path}; the contract has only {string.Join(", ",
            Contract["paths"]![path]!.AsObject().Select(o => o.Key.ToUpperInvariant()))} there");

        if (method.GetParameters().Select(p => p.ParameterType).FirstOrDefault(IsBody) is { } body)
        {
            var schema = Resolve(operation["requestBody"]?["content"]?["application/json"]?["schema"]);
            schema.ShouldNotBeNull($"{name}: {sent.Method} {path} takes no JSON body in the contract");
            var members = Members(body).ToList();
            members.ShouldBeSubsetOf(Properties(schema), $"{name} sends members the contract does not read");
            Strings(schema["required"]).ShouldBeSubsetOf(members, $"{name} cannot send what the contract requires");
        }

        var answers = operation["responses"]!.AsObject().Where(r => r.Key.StartsWith('2'))
            .Select(r => Resolve(r.Value?["content"]?["application/json"]?["schema"])).OfType<JsonNode>().ToList();
        answers.ShouldNotBeEmpty($"{name}: {sent.Method} {path} answers no JSON in the contract");
        var (answer, reads) = AnswerOf(method);
        answers.Any(schema => Reads(schema, answer, reads)).ShouldBeTrue(
            $"{name} reads {string.Join(", ", reads)} from the answer of {sent.Method} {path}; the contract's answer " +
            $"({string.Join(" or ", answers.Select(a => string.Join(", ", Properties(a))))}) does not have them all");
    }

    /// <summary>The client's public methods that call the engine.</summary>
    private static IEnumerable<MethodInfo> Calls() => typeof(ComplaintsClient)
        .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        .Where(m => m.ReturnType.IsGenericType && m.ReturnType.GetGenericTypeDefinition() == typeof(Task<>));

    private static async Task<HttpRequestMessage> SendAsync(MethodInfo method)
    {
        var recorder = new Recorder();
        using var http = new HttpClient(recorder) { BaseAddress = new Uri("http://complaints.test/") };
        var args = method.GetParameters().Select(p => ArgumentOf(p.ParameterType)).ToArray();
        await (Task)method.Invoke(new ComplaintsClient(http), args)!;
        return recorder.Sent.ShouldHaveSingleItem($"{method.Name} sends one request");
    }

    private static object? ArgumentOf(Type type) =>
        type == typeof(Guid) ? Guid.NewGuid()
        : type == typeof(int) ? 1
        : type == typeof(CancellationToken) ? CancellationToken.None
        : type == typeof(IEnumerable<JsonObject>) ? Array.Empty<JsonObject>()
        : IsBody(type) ? System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(type)
        : null;

    private static bool IsBody(Type type) => type.Assembly == typeof(ComplaintsClient).Assembly && type != typeof(CommandOptions);

    /// <summary>The answer's type, and the members the method reads of it (those its record cannot do without).</summary>
    private static (Type Type, IReadOnlyList<string> Reads) AnswerOf(MethodInfo method)
    {
        var type = method.ReturnType.GetGenericArguments()[0];
        // HistoryAsync reads the events, SendEventsAsync each result of the batch.
        if (type == typeof(JsonArray)) return (type, ["events"]);
        if (type == typeof(IReadOnlyList<CloudEventResult>)) return (type, ["results"]);
        return (type, [.. Required(type)]);
    }

    private static bool Reads(JsonNode schema, Type answer, IReadOnlyList<string> reads)
    {
        if (!reads.All(Properties(schema).Contains)) return false;
        if (answer == typeof(IReadOnlyList<CloudEventResult>))
        {
            var result = Resolve(schema["properties"]!["results"]!["items"]);
            return result is not null && Members(typeof(CloudEventResult)).All(Properties(result).Contains);
        }
        // What the record requires, the contract must always send; what it may go without, the contract must name.
        return answer == typeof(JsonArray) || (reads.All(Strings(schema["required"]).Contains)
                                               && Members(answer).Where(m => m != "body").All(Properties(schema).Contains));
    }

    private static string? TemplateOf(string path) => Contract["paths"]!.AsObject()
        .Select(p => p.Key)
        .Where(template => Regex.IsMatch(path, "^" + Placeholder().Replace(Regex.Escape(template).Replace(@"\{", "{"), "[^/]+") + "$"))
        .OrderByDescending(template => template.Count(c => c == '/') - template.Count(c => c == '{'))
        .FirstOrDefault();

    private static JsonNode? Resolve(JsonNode? schema) =>
        schema?["$ref"]?.GetValue<string>() is { } reference
            ? Contract["components"]!["schemas"]![reference.Split('/')[^1]]
            : schema;

    private static IEnumerable<string> Properties(JsonNode schema) =>
        schema["properties"]?.AsObject().Select(p => p.Key) ?? [];

    private static IEnumerable<string> Strings(JsonNode? array) => array?.AsArray().Select(s => s!.GetValue<string>()) ?? [];

    private static IEnumerable<string> Members(Type type) =>
        type.GetProperties().Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name));

    /// <summary>The constructor's parameters that are neither optional nor nullable.</summary>
    private static IEnumerable<string> Required(Type type)
    {
        var nullability = new NullabilityInfoContext();
        return type.GetConstructors().Single(c => c.GetParameters().Length > 0).GetParameters()
            .Where(p => !p.HasDefaultValue && Nullable.GetUnderlyingType(p.ParameterType) is null
                                           && nullability.Create(p).ReadState != NullabilityState.Nullable)
            .Select(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name!));
    }

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();

    /// <summary>Keeps what the client sends and answers an empty success, as much as each method reads.</summary>
    private sealed class Recorder : HttpMessageHandler
    {
        public List<HttpRequestMessage> Sent { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Sent.Add(request);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("""{"events":[],"results":[]}""", Encoding.UTF8, "application/json")
            });
        }
    }
}

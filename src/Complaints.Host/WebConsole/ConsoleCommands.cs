using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Complaints.Domain;
using Complaints.Host.Audit;
using Complaints.Host.Complaints;
using Complaints.Host.Complaints.Ingesting;
using Complaints.Host.Complaints.Registering;
using Complaints.Host.Infrastructure;
using Complaints.Host.Security;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Complaints.Host.WebConsole;

public enum FieldKind { Line, Text, YesNo, Score, OptionalScore, Choice, List, Approver }

/// <summary>
/// One input of an action's form: <see cref="Name"/> is the member of the API request body it fills (a dotted name a
/// member of a nested object: <c>scores.timeliness</c>); a <see cref="FieldKind.Choice"/> offers
/// <see cref="Choices"/>, the first selected.
/// </summary>
public sealed record ActionField(string Name, string Label, FieldKind Kind, IReadOnlyList<string>? Choices = null);

/// <summary>
/// An action a complaint's page offers as a form: the API command it posts (by its CloudEvent type, which names the
/// request body, the policy and how the body becomes a domain command) and the inputs of its body.
/// </summary>
public sealed record ConsoleAction(string Action, string CommandType, IReadOnlyList<ActionField> Fields)
{
    public CloudEventCommand Command => CloudEventTypes.Commands[CloudEventTypes.Prefix + CommandType];

    public string Policy => Command.Policy;

    /// <summary>The body names its signer: the console fills it with the signed-in person's name.</summary>
    public bool NamesSigner => Command.Body.GetProperty("By") is not null;

    public static readonly IReadOnlyList<ConsoleAction> All =
    [
        new(ComplaintActions.Forward, "forward", [new("to", "Forward to", FieldKind.Line)]),
        new(ComplaintActions.Acknowledge, "acknowledge", [new("department", "Department", FieldKind.Line)]),
        new(ComplaintActions.Verify, "verify",
        [
            new("valid", "Valid", FieldKind.YesNo), new("findings", "Findings", FieldKind.Text),
            new("responsibleParties", "Responsible parties (comma-separated)", FieldKind.List)
        ]),
        new(ComplaintActions.Confirm, "confirm", []),
        new(ComplaintActions.ProposeActionPlan, "propose-action-plan",
        [
            new("rootCause", "Root cause", FieldKind.Text), new("correctiveActions", "Corrective actions", FieldKind.Text),
            new("preventiveActions", "Preventive actions", FieldKind.Text)
        ]),
        new(ComplaintActions.ReviewActionPlan, "review-action-plan",
        [
            new("approver", "Approver", FieldKind.Approver), new("approved", "Approved", FieldKind.YesNo),
            new("comment", "Comment", FieldKind.Text)
        ]),
        new(ComplaintActions.RespondToActionPlan, "record-customer-response",
            [new("accepted", "Accepted", FieldKind.YesNo), new("comment", "Comment", FieldKind.Text)]),
        new(ComplaintActions.ReportExecution, "report-execution", [new("summary", "Summary", FieldKind.Text)]),
        new(ComplaintActions.ReviewExecution, "review-execution",
            [new("accepted", "Accepted", FieldKind.YesNo), new("comment", "Comment", FieldKind.Text)]),
        new(ComplaintActions.CompileHandlingReport, "compile-handling-report", [new("summary", "Summary", FieldKind.Text)]),
        new(ComplaintActions.ReviewHandlingReport, "review-handling-report",
        [
            new("approver", "Approver", FieldKind.Approver), new("approved", "Approved", FieldKind.YesNo),
            new("comment", "Comment", FieldKind.Text)
        ]),
        new(ComplaintActions.Close, "close", [new("sentTo", "Sent to", FieldKind.Line)]),
        new(ComplaintActions.RecordSatisfaction, "record-satisfaction",
            [new("score", "Score", FieldKind.Score), new("comment", "Comment", FieldKind.Text)]),
        new(ComplaintActions.Reopen, "reopen", [new("reason", "Reason", FieldKind.Text)]),
        new(ComplaintActions.RecordFollowUp, "record-follow-up",
        [
            new("outcome", "Outcome", FieldKind.Choice, ["reached", "unreachable", "declined"]),
            new("scores.timeliness", "Timeliness", FieldKind.OptionalScore), new("scores.attitude", "Attitude", FieldKind.OptionalScore),
            new("scores.result", "Result", FieldKind.OptionalScore),
            new("recurred", "The problem came back", FieldKind.Choice, ["false", "true"]), new("comment", "Comment", FieldKind.Text)
        ])
    ];

    public static ConsoleAction? Named(string? action) => All.FirstOrDefault(a => a.Action == action);

    /// <summary>The approving bodies the signed-in person may sign for.</summary>
    public static IEnumerable<string> ApproversFor(System.Security.Claims.ClaimsPrincipal user) =>
        new[] { Roles.CsLeadership, Roles.GmOffice }.Where(user.IsInRole);
}

/// <summary>What a form's command came to: the API's answer, or the refusal the API would have answered.</summary>
public sealed record CommandOutcome(CommandAnswer? Answer, int Status, string? Title, string? Detail,
    IReadOnlyDictionary<string, string[]>? Errors)
{
    public bool Succeeded => Answer is not null;
}

/// <summary>
/// Runs a console form as the API command it stands for, through the same pipeline entry as CloudEvents ingest
/// (ADR 0023): the same body type and validation, the same policy, the form's own idempotency key, and the complaint
/// version the page showed as the If-Match condition. Refusals come back as the API's problem, never as a 500.
/// </summary>
public sealed class ConsoleCommands(
    ComplaintCommandPipeline pipeline, IOptions<IntakeOptions> intake, RegistrationLookup lookup,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IAuthorizationService authorization)
{
    public const string IdempotencyKeyField = "idempotencyKey";
    public const string VersionField = "version";
    public const string PlanVersionField = "planVersion";

    public async Task<CommandOutcome> ActAsync(HttpContext http, Guid complaint, ConsoleAction action, IFormCollection form,
        CancellationToken ct)
    {
        try
        {
            await AuthorizeAsync(http, action.Policy);
            var body = new JsonObject();
            foreach (var field in action.Fields)
                if (Value(field, form[field.Name].ToString()) is { } value) Member(body, field.Name)[field.Name.Split('.')[^1]] = value;
            if (action.NamesSigner) body["by"] = http.User.Identity!.Name;
            var plan = int.TryParse(form[PlanVersionField], out var p) ? p : 0;
            var request = Deserialize(body, action.Command.Body);
            var context = Context(http, form, new JsonObject
            {
                ["action"] = action.Action, ["complaint"] = complaint.ToString(), ["plan"] = plan, ["body"] = body.DeepClone()
            });
            var result = await pipeline.ExecuteAsync(
                (v, at) => action.Command.Build(new CommandTarget(complaint, plan), request, v, at), context, http.User, ct);
            return Answered(result);
        }
        catch (Exception e) when (ProblemMapping.ProblemFor(e) is { } problem)
        {
            return Refused(problem);
        }
    }

    public async Task<CommandOutcome> RegisterAsync(HttpContext http, RegisterRequest request, IFormCollection form,
        CancellationToken ct)
    {
        try
        {
            await AuthorizeAsync(http, Policies.Register);
            var context = Context(http, form, JsonSerializer.SerializeToNode(request, json.Value.SerializerOptions)!);
            return Answered(await pipeline.ExecuteAsync(RegisterEndpoint.Registration(request, intake.Value, lookup, pipeline.Now), context, ct));
        }
        catch (Exception e) when (ProblemMapping.ProblemFor(e) is { } problem)
        {
            return Refused(problem);
        }
    }

    private async Task AuthorizeAsync(HttpContext http, string policy)
    {
        if (!(await authorization.AuthorizeAsync(http.User, policy)).Succeeded)
            throw new AccessDeniedException($"This needs one of the roles: {string.Join(", ", Policies.RolesFor[policy])}.");
    }

    /// <summary>The object a dotted field name's last part is a member of, made as the form fills it.</summary>
    private static JsonObject Member(JsonObject body, string name)
    {
        foreach (var part in name.Split('.')[..^1])
            body = body[part] as JsonObject ?? (JsonObject)(body[part] = new JsonObject());
        return body;
    }

    private static JsonNode? Value(ActionField field, string text)
    {
        text = text.Trim();
        if (text.Length == 0) return null;
        return field.Kind switch
        {
            FieldKind.YesNo => bool.TryParse(text, out var yes) ? JsonValue.Create(yes) : JsonValue.Create(text),
            FieldKind.Score or FieldKind.OptionalScore => int.TryParse(text, out var score) ? JsonValue.Create(score) : JsonValue.Create(text),
            FieldKind.Choice when bool.TryParse(text, out var flag) => JsonValue.Create(flag),
            FieldKind.List => new JsonArray([.. text.Split([',', '，', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(x => (JsonNode)JsonValue.Create(x))]),
            _ => JsonValue.Create(text)
        };
    }

    private object Deserialize(JsonObject body, Type type)
    {
        try
        {
            return body.Deserialize(type, json.Value.SerializerOptions)!;
        }
        catch (JsonException e)
        {
            throw new InvalidCommandException(new Dictionary<string, string[]>
            {
                [e.Path?.TrimStart('$', '.') is { Length: > 0 } path ? path : "body"] = ["has the wrong type or is malformed"]
            });
        }
    }

    /// <summary>
    /// The form's condition and key: the key is drawn when the page is rendered, so sending the same form twice (a
    /// double click, a reload) records it once, while the next form gets a key of its own.
    /// </summary>
    private static CommandContext Context(HttpContext http, IFormCollection form, JsonNode what)
    {
        var v = new Validator();
        var key = v.Line(form[IdempotencyKeyField].ToString(), IdempotencyKeyField);
        if (key.Any(c => c is < ' ' or > '~') || key.Length > CommandContext.MaxIdempotencyKeyLength)
            v.Add(IdempotencyKeyField, "must be printable ASCII of at most 200 characters");
        long? version = long.TryParse(form[VersionField], out var shown) && shown > 0 ? shown : null;
        v.ThrowIfInvalid();
        var canonical = new StringBuilder();
        CanonicalJson.Write(canonical, JsonSerializer.SerializeToElement(what));
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
        return new CommandContext(version, key, hash, Correlation.Id(http), Correlation.RequestId(http),
            http.User.Identity?.Name, CommandContext.CallerOf(http.User));
    }

    private static CommandOutcome Answered(IResult result) =>
        result is CommandAnswerResult answer
            ? new CommandOutcome(answer.Answer, answer.Status, null, null, null)
            : throw new InvalidOperationException($"The pipeline answered {result.GetType().Name}, not a command answer.");

    private static CommandOutcome Refused(Microsoft.AspNetCore.Mvc.ProblemDetails problem) =>
        new(null, problem.Status ?? 400, problem.Title, problem.Detail,
            problem.Extensions.TryGetValue("errors", out var errors) ? errors as IReadOnlyDictionary<string, string[]> : null);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Complaints.Domain;
using Complaints.Domain.Deadlines;
using Complaints.Domain.Workflow;
using Complaints.Host.Complaints;
using Complaints.Host.Complaints.Ingesting;
using Complaints.Host.Complaints.Registering;
using Complaints.Host.Complaints.Writing;
using Complaints.Host.Deadlines;
using Complaints.Host.Webhooks;
using Marten;
using Microsoft.Extensions.Options;
using NodaTime;
using Wolverine;
using Wolverine.Marten.Publishing;
using Wolverine.Runtime;
using static Complaints.Domain.ComplaintState;

namespace Complaints.Host.Demo;

/// <summary>How one demo complaint's people behave; the month holds each kind in a realistic share.</summary>
public enum DemoPath
{
    /// <summary>Every step within its deadline.</summary>
    Prompt,

    /// <summary>The department signs hours late: D3 is missed and escalated.</summary>
    LateAcknowledgement,

    /// <summary>The customer rejects the first plan; verification and planning run again.</summary>
    PlanRejectedByCustomer,

    /// <summary>The GM office sends the first plan back.</summary>
    PlanRejectedByApprover,

    /// <summary>Verification finds the complaint invalid.</summary>
    Invalid,

    /// <summary>Closed, then reopened by the customer and worked again.</summary>
    Reopened,

    /// <summary>Nobody acts after verification: its clocks run out and escalate level by level.</summary>
    Stalled
}

public sealed record DemoResult(int Complaints, int Commands, int TimersFired, IReadOnlyDictionary<DemoPath, int> Paths);

/// <summary>
/// A realistic month of complaints recorded through the engine's own write path (docs/console.md): each command is
/// built from the same request body its endpoint takes, runs through <see cref="ComplaintCommandPipeline"/> and the
/// one appender with their clock set to the moment it happens, and each timer the workflow arms falls due in the same
/// simulated time and is handed to the appender as the deadline watch would. Nothing is written by SQL, so the
/// month's events, hash chains, deadlines, escalations and reports are the engine's own.
/// </summary>
public sealed class DemoMonth(
    IServiceProvider services, OutboxedSessionFactory outbox, IWolverineRuntime runtime, IOptions<IntakeOptions> intake,
    RegistrationLookup lookup,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    /// <summary>The month's people work in Shanghai's working hours.</summary>
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly LocalTime WorkStarts = new(8, 30), WorkEnds = new(17, 30);
    private static readonly string[] Regions = ["cn-east", "cn-north", "cn-south", "cn-west"];
    private static readonly string[] Departments = ["maintenance", "sales", "parts", "finance", "leasing"];
    private static readonly string[] Channels = ["phone", "email", "in-person", "web", "instant-message", "letter"];
    private static readonly string[] Surnames = ["李", "王", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "磊", "强", "军", "洋", "勇"];

    private static readonly (DemoPath Path, int Weight)[] Shares =
    [
        (DemoPath.Prompt, 58), (DemoPath.LateAcknowledgement, 10), (DemoPath.PlanRejectedByCustomer, 8),
        (DemoPath.PlanRejectedByApprover, 5), (DemoPath.Invalid, 7), (DemoPath.Reopened, 6), (DemoPath.Stalled, 6)
    ];

    private sealed class DemoClock(Instant start) : IClock
    {
        public Instant Now { get; set; } = start;

        public Instant GetCurrentInstant() => Now;
    }

    /// <summary>One complaint as the simulation follows it: its path, its state and what its people did so far.</summary>
    private sealed class Walk(DemoPath path, string department)
    {
        public Guid Id { get; set; }
        public DemoPath Path { get; } = path;
        public string Department { get; } = department;
        public WriteState State { get; set; } = WriteState.Initial;
        public bool PlanRejected { get; set; }
        public bool Reopened { get; set; }
    }

    private abstract record Happening(Instant At);

    private sealed record NextStep(Instant At, Walk Walk) : Happening(At);

    private sealed record Registration(Instant At, DemoPath Path) : Happening(At);

    private sealed record TimerDue(Instant At, Walk Walk, DeadlineTimer Timer) : Happening(At);

    public async Task<DemoResult> RecordAsync(YearMonth month, int complaints, int seed, CancellationToken ct)
    {
        var random = new Random(seed);
        var start = month.OnDayOfMonth(1).AtStartOfDayInZone(Zone).ToInstant();
        var end = month.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(Zone).ToInstant();
        var clock = new DemoClock(start);
        // The engine's own appender and pipeline, but on the demo's clock; the month is over, so its notices and
        // warnings are not sent now (docs/console.md) and none is queued.
        var appender = ActivatorUtilities.CreateInstance<ComplaintAppender>(services, clock,
            new Notifications.NotificationQueue(new Notifications.NotificationOptions { Enabled = false },
                services.GetRequiredService<Projections.ReadModelSeal>()));
        var pipeline = ActivatorUtilities.CreateInstance<ComplaintCommandPipeline>(services, appender);

        var agenda = new PriorityQueue<Happening, (Instant, long)>();
        long order = 0;
        void Plan(Happening happening)
        {
            if (happening.At < end) agenda.Enqueue(happening, (happening.At, order++));
        }
        for (var i = 0; i < complaints; i++)
        {
            Instant received;
            // Moved to working hours, a moment late on the last day would fall into the next month.
            do received = WorkingMoment(start + Duration.FromMinutes(random.NextDouble() * (end - start).TotalMinutes), random);
            while (received >= end);
            Plan(new Registration(received, Choose(random)));
        }

        var paths = new Dictionary<DemoPath, int>();
        int commands = 0, timers = 0;
        while (agenda.TryDequeue(out var happening, out _))
        {
            clock.Now = happening.At;
            Appended recorded;
            Walk walk;
            switch (happening)
            {
                case Registration registration:
                    walk = new Walk(registration.Path, Departments[random.Next(Departments.Length)]);
                    recorded = await ExecuteAsync(pipeline, RegisterEndpoint.Registration(
                        RegistrationBody(walk, registration.At, random), intake.Value, lookup, clock.Now), "Intake Zhao", ct);
                    walk.Id = recorded.Id;
                    paths[walk.Path] = paths.GetValueOrDefault(walk.Path) + 1;
                    commands++;
                    break;
                case NextStep step when Act(step.Walk, random) is { } action:
                    walk = step.Walk;
                    var (type, body, actor, plan) = action;
                    recorded = await ExecuteAsync(pipeline, Build(walk.Id, type, body, plan, clock.Now), actor, ct);
                    commands++;
                    break;
                case TimerDue due:
                    walk = due.Walk;
                    recorded = await FireAsync(appender, due, ct);
                    timers++;
                    break;
                default:
                    continue;
            }
            walk.State = recorded.Events.Aggregate(walk.State, ComplaintWorkflow.Evolve);
            foreach (var timer in recorded.Decision.Timers.Arm) Plan(new TimerDue(timer.At, walk, timer));
            if (happening is not TimerDue && !Finished(walk)) Plan(new NextStep(Later(clock.Now, walk, random), walk));
        }
        return new DemoResult(paths.Values.Sum(), commands, timers, paths);
    }

    /// <summary>Runs one command through the pipeline and returns what it recorded.</summary>
    private static async Task<Appended> ExecuteAsync(ComplaintCommandPipeline pipeline,
        Func<IQuerySession, CancellationToken, Task<ComplaintCommand>> build, string actor, CancellationToken ct)
    {
        Appended? recorded = null;
        var result = await pipeline.ExecuteAsync(build, Context(actor), ct, alongside: (_, appended, _) =>
        {
            recorded = appended;
            return Task.CompletedTask;
        });
        return result is CommandAnswerResult && recorded is not null
            ? recorded
            : throw new InvalidOperationException($"The demo's command was answered {result.GetType().Name}.");
    }

    private async Task<Appended> FireAsync(ComplaintAppender appender, TimerDue due, CancellationToken ct)
    {
        var messages = new MessageContext(runtime);
        await using var session = outbox.OpenSession(messages);
        var held = await appender.HoldAsync(session, due.Walk.Id, StreamHold.Optimistic, null, ct);
        var appended = await appender.AppendAsync(held, session, messages,
            new WorkflowInput.TimerFired(due.Walk.Id, due.Timer, due.At), DeadlineWatch.Actor);
        await session.SaveChangesAsync(ct);
        return appended;
    }

    private static DemoPath Choose(Random random)
    {
        var pick = random.Next(Shares.Sum(s => s.Weight));
        foreach (var (path, weight) in Shares)
            if ((pick -= weight) < 0) return path;
        return DemoPath.Prompt;
    }

    private RegisterRequest RegistrationBody(Walk walk, Instant at, Random random)
    {
        var severity = "ABCD"[random.Next(100) switch { < 8 => 0, < 40 => 1, < 80 => 2, _ => 3 }].ToString();
        var regional = random.Next(100) < 25;
        var name = Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)];
        var receivedOn = at.InZone(Zone).Date;
        var body = new JsonObject
        {
            ["severity"] = severity,
            ["category"] = Categories.Default[random.Next(Categories.Default.Count)],
            ["responsibleDepartment"] = walk.Department,
            ["region"] = Regions[random.Next(Regions.Length)],
            ["channel"] = Channels[random.Next(Channels.Length)],
            ["description"] = $"演示投诉：{walk.Department} 的服务问题（{receivedOn:yyyy-MM-dd}）",
            ["customerExpectation"] = "尽快处理并书面答复",
            ["requestedResolutionDate"] = receivedOn.PlusDays(7 + random.Next(21)).ToString("yyyy-MM-dd", null),
            ["customer"] = new JsonObject
            {
                ["name"] = name, ["phone"] = $"+86 13{random.Next(10)} {random.Next(10000):D4} {random.Next(10000):D4}"
            },
            ["receivedBy"] = regional
                ? new JsonObject { ["name"] = "Regional desk", ["department"] = "regional-office", ["kind"] = "regional" }
                : new JsonObject { ["name"] = "Intake Zhao", ["department"] = "customer-service", ["kind"] = "customer-service" }
        };
        return body.Deserialize<RegisterRequest>(json.Value.SerializerOptions)!;
    }

    /// <summary>
    /// The next command of the complaint's people in its current state (its type, body and signer), or nothing when
    /// they leave it as it is.
    /// </summary>
    private static (string Type, JsonObject Body, string Actor, int Plan)? Act(Walk walk, Random random)
    {
        var head = $"Head of {walk.Department}";
        return walk.State.Procedure switch
        {
            AwaitingForward => ("forward", new JsonObject { ["to"] = "customer-service", ["by"] = "Regional desk" }, "Regional desk", 0),
            AwaitingAcknowledgement => ("acknowledge", new JsonObject { ["department"] = walk.Department, ["by"] = head }, head, 0),
            AwaitingVerification => ("verify", new JsonObject
            {
                ["valid"] = walk.Path != DemoPath.Invalid,
                ["findings"] = walk.Path == DemoPath.Invalid ? "不属于公司责任范围" : "情况属实，原因已查明",
                ["responsibleParties"] = new JsonArray("Workshop " + (1 + random.Next(4))),
                ["by"] = head
            }, head, 0),
            AwaitingConfirmation when walk.Path == DemoPath.Stalled => null,
            AwaitingConfirmation => ("confirm", new JsonObject { ["by"] = "GM Wang" }, "GM Wang", 0),
            AwaitingActionPlan => ("propose-action-plan", new JsonObject
            {
                ["rootCause"] = "作业标准未执行", ["correctiveActions"] = "返工并回访", ["preventiveActions"] = "补充检查表", ["by"] = head
            }, head, 0),
            AwaitingPlanApproval { ApprovedBy: var approved, PlanVersion: var plan } when !approved.Contains(Approver.CsLeadership) =>
                ("review-action-plan", Review("cs-leadership", approved: true, "Director Chen"), "Director Chen", plan),
            AwaitingPlanApproval { PlanVersion: var plan } =>
                ("review-action-plan", Review("gm-office", approved: !RejectsFirst(walk, DemoPath.PlanRejectedByApprover), "GM Wang"),
                    "GM Wang", plan),
            AwaitingCustomerResponse { PlanVersion: var plan } => ("record-customer-response", new JsonObject
            {
                ["accepted"] = !RejectsFirst(walk, DemoPath.PlanRejectedByCustomer), ["comment"] = "客户答复"
            }, CommandContext.Customer, plan),
            AwaitingExecution => ("report-execution", new JsonObject { ["summary"] = "措施已执行", ["by"] = head }, head, 0),
            AwaitingExecutionAcceptance => ("review-execution",
                new JsonObject { ["accepted"] = true, ["comment"] = "验收通过", ["by"] = "Director Chen" }, "Director Chen", 0),
            AwaitingHandlingReport => ("compile-handling-report",
                new JsonObject { ["summary"] = "原因、措施与预防", ["by"] = "Intake Zhao" }, "Intake Zhao", 0),
            AwaitingReportApproval { ApprovedBy: var approved } => approved.Contains(Approver.CsLeadership)
                ? ("review-handling-report", Review("gm-office", approved: true, "GM Wang"), "GM Wang", 0)
                : ("review-handling-report", Review("cs-leadership", approved: true, "Director Chen"), "Director Chen", 0),
            ReadyToClose => ("close", new JsonObject { ["sentTo"] = "customer@example.com", ["by"] = "Intake Zhao" }, "Intake Zhao", 0),
            Closed { SatisfactionRecorded: false } when walk.Path == DemoPath.Reopened && !walk.Reopened =>
                Reopen(walk),
            Closed { SatisfactionRecorded: false } => ("record-satisfaction", new JsonObject
            {
                ["score"] = walk.Path == DemoPath.Prompt ? 4 + random.Next(2) : 1 + random.Next(4), ["comment"] = "回访记录"
            }, CommandContext.Customer, 0),
            _ => null
        };

        static JsonObject Review(string approver, bool approved, string by) => new()
        {
            ["approver"] = approver, ["approved"] = approved, ["comment"] = approved ? "同意" : "措施不足，请修改", ["by"] = by
        };
    }

    private static (string, JsonObject, string, int) Reopen(Walk walk)
    {
        walk.Reopened = true;
        return ("reopen", new JsonObject { ["reason"] = "问题复发", ["by"] = "Intake Zhao" }, "Intake Zhao", 0);
    }

    /// <summary>The first plan of a rejecting path is turned down once; its second is accepted.</summary>
    private static bool RejectsFirst(Walk walk, DemoPath path)
    {
        if (walk.Path != path || walk.PlanRejected) return false;
        walk.PlanRejected = true;
        return true;
    }

    private static bool Finished(Walk walk) => walk.State.Procedure switch
    {
        Closed { SatisfactionRecorded: true } or ClosedAsInvalid => true,
        AwaitingConfirmation => walk.Path == DemoPath.Stalled,
        _ => false
    };

    /// <summary>When the complaint's people act next: within minutes, or hours late where their path is late.</summary>
    private static Instant Later(Instant now, Walk walk, Random random)
    {
        var minutes = walk.State.Procedure switch
        {
            AwaitingAcknowledgement when walk.Path == DemoPath.LateAcknowledgement => 120 + random.Next(240),
            // Carrying out the corrective actions takes days, the customer's answer hours, the survey a day or two.
            AwaitingExecution => 60 * (24 + random.Next(48)),
            AwaitingCustomerResponse => 60 * (2 + random.Next(4)),
            Closed => 60 * (24 + random.Next(24)),
            _ => 5 + random.Next(40)
        };
        return WorkingMoment(now + Duration.FromMinutes(minutes), random);
    }

    /// <summary>People act in Shanghai working hours on weekdays: a moment outside them moves to the next morning.</summary>
    private static Instant WorkingMoment(Instant at, Random random)
    {
        var local = at.InZone(Zone).LocalDateTime;
        if (local.TimeOfDay >= WorkStarts && local.TimeOfDay < WorkEnds && local.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday))
            return at;
        var day = local.TimeOfDay >= WorkEnds ? local.Date.PlusDays(1) : local.Date;
        while (day.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) day = day.PlusDays(1);
        return (day + WorkStarts).PlusMinutes(random.Next(60)).InZoneLeniently(Zone).ToInstant();
    }

    private Func<IQuerySession, CancellationToken, Task<ComplaintCommand>> Build(Guid id, string type, JsonObject body, int plan,
        Instant now)
    {
        var command = CloudEventTypes.Commands[CloudEventTypes.Prefix + type];
        var request = body.Deserialize(command.Body, json.Value.SerializerOptions)!;
        var validator = new Validator();
        var built = command.Build(new CommandTarget(id, plan), request, validator, now);
        validator.ThrowIfInvalid();
        return (_, _) => Task.FromResult(built);
    }

    private static CommandContext Context(string actor) =>
        new(null, null, "", Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"), actor);
}

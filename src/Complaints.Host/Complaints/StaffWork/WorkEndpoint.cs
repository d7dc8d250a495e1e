using RangeAttribute = System.ComponentModel.DataAnnotations.RangeAttribute;
using System.Security.Claims;
using Complaints.Domain;
using Complaints.Host.Reports;
using Complaints.Host.Security;
using Complaints.Host.WebConsole;
using Complaints.Projections.Analytics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using Npgsql;
using Wolverine.Http;

namespace Complaints.Host.Complaints.StaffWork;

/// <summary>
/// A step waiting for someone; <c>role</c>: whose step it is (department, gm-office, cs-leadership, intake);
/// <c>overdue</c> once its deadline was missed or its due instant has passed.
/// </summary>
public sealed record WorkItemView(
    Guid ComplaintId, string Number, string Severity, string Step, string Department, string Role, string? Owner,
    string? Rule, Instant? DueAt, bool Overdue);

public sealed record WorkPage(long Total, int Page, int PageSize, IReadOnlyList<WorkItemView> Items);

public static class WorkEndpoint
{
    public const int MaxPageSize = 500;

    /// <summary>
    /// The open steps, soonest due first (those without a running clock last), from the worklist read model
    /// (<c>analytics.work</c>). A token of the department role with a <c>department</c> claim sees that department's
    /// work only (unless it also holds a role that works across departments).
    /// </summary>
    [Authorize(Policy = Policies.ReadWork)]
    [ProducesResponseType<WorkPage>(StatusCodes.Status200OK)]
    [WolverineGet("/api/work")]
    public static Task<WorkPage> Get(string? department, string? role, string? owner, string? dueBefore,
        [Range(1, int.MaxValue)] int? page, [Range(1, MaxPageSize)] int? pageSize, HttpContext http, [FromServices] AnalyticsDatabase database, [FromServices] InputBounds bounds,
        [FromServices] IClock clock, CancellationToken ct) =>
        QueryAsync(http.User, department, role, owner, dueBefore, page, pageSize, database, bounds, clock, ct);

    /// <summary>The roles a step can be whose, as <c>role</c> filters them.</summary>
    public static readonly IReadOnlyList<string> StepRoles = [Roles.Department, Roles.GmOffice, Roles.CsLeadership, Roles.Intake];

    /// <summary>
    /// What <c>/api/work</c> answers <paramref name="user"/> for these parameters, refusals included; the console's
    /// worklist asks it too, so the page and the API cannot list different work.
    /// </summary>
    public static async Task<WorkPage> QueryAsync(ClaimsPrincipal user, string? department, string? role, string? owner,
        string? dueBefore, int? page, int? pageSize, AnalyticsDatabase database, InputBounds bounds, IClock clock,
        CancellationToken ct)
    {
        var v = new Validator();
        var filter = new ReportFilter();
        var own = DepartmentScope.Of(user, Policies.ReadWork);
        if (own is not null && department is not null && !Departments.Same(own, department))
            throw new AccessDeniedException($"This token is for department '{own}'; it sees that department's work only.");
        if ((own ?? v.OptionalLine(department, "department")) is { } wanted) filter.Condition("lower(w.department) = {0}", wanted.Trim().ToLowerInvariant());
        if (v.OptionalLine(role, "role") is { } whose)
        {
            if (StepRoles.Contains(whose.ToLowerInvariant())) filter.Condition("w.role = {0}", whose.ToLowerInvariant());
            else v.Add("role", $"must be one of {string.Join(", ", StepRoles)}");
        }
        if (v.OptionalLine(owner, "owner") is { } person) filter.Condition("lower(w.owner) = {0}", person.ToLowerInvariant());
        var due = dueBefore is null ? (Instant?)null : v.Instant(dueBefore, "dueBefore", bounds);
        if (page < 1) v.Add("page", "must be 1 or more");
        if (pageSize is < 1 or > MaxPageSize) v.Add("pageSize", $"must be a whole number from 1 to {MaxPageSize}");
        v.ThrowIfInvalid();
        // Only once it is known to lie in the window: an instant before the year 1 has no DateTimeOffset.
        if (due is { } before) filter.Condition("w.due_at < {0}", before.ToDateTimeOffset());

        var (number, size) = (page ?? 1, pageSize ?? 50);
        var now = filter.Add(clock.GetCurrentInstant().ToDateTimeOffset());
        await using var connection = await database.DataSource.OpenConnectionAsync(ct);
        await using var count = Command(connection, filter, $"select count(*) from {AnalyticsSchema.Work.QualifiedName} w where {filter.Where}");
        var total = (long)(await count.ExecuteScalarAsync(ct))!;
        await using var query = Command(connection, filter, $"""
            select w.complaint_id, w.number, w.severity, w.step, w.department, w.role, w.owner, w.rule, w.due_at,
                   w.missed or coalesce(w.due_at < {now}, false)
            from {AnalyticsSchema.Work.QualifiedName} w where {filter.Where}
            order by w.due_at nulls last, w.received_at, w.number, w.item
            limit {size} offset {(long)(number - 1) * size}
            """);
        var items = new List<WorkItemView>();
        await using (var reader = await query.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                items.Add(new WorkItemView(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                    reader.IsDBNull(7) ? null : reader.GetString(7), AnalyticsDatabase.InstantAt(reader, 8), reader.GetBoolean(9)));
        return new WorkPage(total, number, size, items);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, ReportFilter filter, string sql)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in filter.Parameters) command.Parameters.Add(parameter.Clone());
        return command;
    }
}

using Complaints.Host.Tests.Infrastructure;
using Complaints.Projections.Analytics;
using Npgsql;

namespace Complaints.Host.Tests.Reports;

/// <summary>Every analytics row, failure and handling report, as text in a fixed order, read with SQL.</summary>
public static class ReadModels
{
    public static async Task<Dictionary<string, List<string>>> ReadAsync(ComplaintsApi api)
    {
        var tables = AnalyticsSchema.Tables.Append(AnalyticsSchema.Failures).ToDictionary(t => t.Name, t => t.QualifiedName);
        tables["handling-reports"] = "complaints.mt_doc_handlingreport";
        var result = new Dictionary<string, List<string>>();
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        foreach (var (name, table) in tables)
        {
            var column = name == "handling-reports" ? "t.data::text" : "t::text";
            await using var command = new NpgsqlCommand($"select {column} from {table} t order by 1", connection);
            await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
            var rows = new List<string>();
            while (await reader.ReadAsync(TestContext.Current.CancellationToken)) rows.Add(reader.GetString(0));
            result[name] = rows;
        }
        return result;
    }

    public static void ShouldEqual(this Dictionary<string, List<string>> actual, Dictionary<string, List<string>> expected)
    {
        actual.Keys.ShouldBe(expected.Keys);
        foreach (var (table, rows) in expected) actual[table].ShouldBe(rows, table);
    }

    public static async Task ExecuteAsync(this ComplaintsApi api, string sql)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<T> ScalarAsync<T>(this ComplaintsApi api, string sql)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}

using Npgsql;

namespace Complaints.Host.Tests.Infrastructure;

/// <summary>Where values are stored readably: every table of every schema, each row read as text.</summary>
public static class DatabaseScan
{
    /// <summary>Every table of every schema whose rows, as text, contain one of the values.</summary>
    public static async Task<List<string>> TablesHoldingAsync(this ComplaintsApi api, IEnumerable<string> values)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync(ct);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            select format('%I.%I', table_schema, table_name) from information_schema.tables
            where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) tables.Add(reader.GetString(0));
        tables.Count.ShouldBeGreaterThan(10);

        var holding = new List<string>();
        foreach (var table in tables)
        {
            await using var search = new NpgsqlCommand(
                $"select count(*) from {table} t where t::text like any(@patterns)", connection);
            search.Parameters.AddWithValue("patterns", values.Select(v => $"%{v}%").ToArray());
            if ((long)(await search.ExecuteScalarAsync(ct))! > 0) holding.Add(table);
        }
        return holding;
    }
}

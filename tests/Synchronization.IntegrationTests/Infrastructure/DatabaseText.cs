using Npgsql;

namespace NavusoftSync.Synchronization.IntegrationTests.Infrastructure;

/// <summary>Reads a test database as plain text or counts, so a test can prove what was stored and what never was.</summary>
internal static class DatabaseText
{
    /// <summary>Every row of every table of the database, as text, in one string.</summary>
    public static async Task<string> DumpAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT t::text FROM {table} t", connection);
            await using var rows = await select.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                dump.AppendLine(rows.GetString(0));
            }
        }

        return dump.ToString();
    }

    /// <summary>The recorded thread and appointment events of the database (a run that adds nothing leaves it unchanged).</summary>
    public static Task<long> CountRecordedEventsAsync(string connectionString, CancellationToken cancellationToken = default) =>
        CountAsync(connectionString, "SELECT count(*) FROM events.mt_events WHERE type LIKE 'synchronization.thread%' OR type LIKE 'synchronization.appointment%'", cancellationToken);

    public static async Task<long> CountAsync(string connectionString, string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}

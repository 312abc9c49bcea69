using System.Text.Json;
using Npgsql;

namespace NavusoftSync.Synchronization.IntegrationTests.Infrastructure;

/// <summary>One stored event of the Synchronization module, read straight from <c>events.mt_events</c>, with the node that appended it.</summary>
internal sealed record StoredEvent(long Sequence, string StreamId, long Version, string Type, string Data, string? Node)
{
    public JsonElement Json => JsonDocument.Parse(Data).RootElement;

    public bool IsSyncRun => StreamId.StartsWith("sync:", StringComparison.Ordinal);
}

/// <summary>One stored document of the Synchronization module's schema.</summary>
internal sealed record StoredDocument(string Table, string Id, string Data);

/// <summary>
/// What the Synchronization module stored in a database, read with plain SQL so that tests over host processes
/// (which have no in-process store to ask) and in-process hosts read it the same way.
/// </summary>
internal static class StoredSync
{
    public const string RecordedTypes = "(type LIKE 'synchronization.thread%' OR type LIKE 'synchronization.appointment%')";

    /// <summary>Every <c>synchronization.*</c> event in append order; none while the schema is not there yet.</summary>
    public static async Task<IReadOnlyList<StoredEvent>> EventsAsync(string connectionString)
    {
        var events = new List<StoredEvent>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT seq_id, stream_id, version, type, data::text, headers ->> 'hostNode' FROM events.mt_events WHERE type LIKE 'synchronization.%' ORDER BY seq_id", connection);
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                events.Add(new StoredEvent(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
            }
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return [];
        }

        return events;
    }

    /// <summary>A count; 0 while the table is not there yet.</summary>
    public static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        try
        {
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    /// <summary>Thread and appointment events (everything a run records, run bookkeeping left out).</summary>
    public static Task<long> RecordedCountAsync(string connectionString) =>
        CountAsync(connectionString, $"SELECT count(*) FROM events.mt_events WHERE {RecordedTypes}");

    /// <summary>Every document of every table of the module's schema (<c>synchronization.mt_doc_*</c>).</summary>
    public static async Task<IReadOnlyList<StoredDocument>> DocumentsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'synchronization' AND table_name LIKE 'mt_doc_%' ORDER BY table_name", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var documents = new List<StoredDocument>();
        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT id::text, data::text FROM synchronization.\"{table}\" ORDER BY id", connection);
            await using var rows = await select.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                documents.Add(new StoredDocument(table, rows.GetString(0), rows.GetString(1)));
            }
        }

        return documents;
    }

    /// <summary>Polls until <paramref name="done"/> holds; false when <paramref name="timeout"/> passes first.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> done, TimeSpan timeout, TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await done())
            {
                return true;
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(200));
        }

        return await done();
    }
}

using Npgsql;

namespace NavusoftSync.Bench;

/// <summary>One sync run as its events tell it: started (the SyncRunStarted event's store timestamp, by which host) and how it ended.</summary>
internal sealed record FleetRun(string LinkId, string RunId, DateTimeOffset Started, string Host, DateTimeOffset? Ended, string? Outcome)
{
    public TimeSpan? Duration => Ended - Started;
}

/// <summary>A link's interval trigger as Quartz stores it: the link, and when its first firing was due.</summary>
internal sealed record FleetSchedule(string LinkId, DateTimeOffset StartAt);

/// <summary>Reads the fleet's run events and the links' interval triggers from the database.</summary>
internal static class FleetBenchRuns
{
    /// <summary>Every sync run of every link, from the sync streams' SyncRunStarted/Completed/Failed events and their <c>hostNode</c> headers.</summary>
    public static async Task<List<FleetRun>> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select stream_id, type, data->>'runId', timestamp, coalesce(headers->>'hostNode', '(none)')
            from events.mt_events
            where type in ('synchronization.sync_run_started', 'synchronization.sync_run_completed', 'synchronization.sync_run_failed')
            order by seq_id
            """,
            connection);
        var started = new Dictionary<string, FleetRun>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var (stream, type, runId, at, host) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4));
            if (type.EndsWith("started", StringComparison.Ordinal))
            {
                started[runId] = new FleetRun(stream["sync:".Length..], runId, at, host, null, null);
            }
            else if (started.TryGetValue(runId, out var run))
            {
                started[runId] = run with { Ended = at, Outcome = type.EndsWith("completed", StringComparison.Ordinal) ? "completed" : "failed" };
            }
        }

        return [.. started.Values];
    }

    /// <summary>
    /// The links' interval triggers (group <c>sync</c>, named "tenant|link"): their start time, from which every later
    /// firing is due one interval after the last. Quartz stores times as .NET ticks (UTC).
    /// </summary>
    public static async Task<List<FleetSchedule>> SchedulesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select trigger_name, start_time from qrtz_triggers where trigger_group = 'sync' and trigger_type = 'SIMPLE' and trigger_name = job_name",
            connection);
        var schedules = new List<FleetSchedule>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var name = reader.GetString(0);
            schedules.Add(new FleetSchedule(name[(name.IndexOf('|', StringComparison.Ordinal) + 1)..], new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero)));
        }

        return schedules;
    }

    /// <summary>How many links have completed at least one run.</summary>
    public static async Task<int> LinksSyncedAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(distinct stream_id) from events.mt_events where type = 'synchronization.sync_run_completed'", connection);
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The sync jobs a Quartz instance holds now (fired-trigger rows: ACQUIRED or EXECUTING), as link ids with the state.</summary>
    public static async Task<List<(string LinkId, string State)>> HeldByAsync(string connectionString, string instance)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select job_name, state from qrtz_fired_triggers where instance_name = @instance and job_group = 'sync'", connection);
        command.Parameters.AddWithValue("instance", instance);
        var held = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var name = reader.GetString(0);
            held.Add((name[(name.IndexOf('|', StringComparison.Ordinal) + 1)..], reader.GetString(1)));
        }

        return held;
    }

    /// <summary>Whether the Quartz instance still has its row in the scheduler state (the surviving node deletes it when it recovers the dead one).</summary>
    public static async Task<bool> CheckedInAsync(string connectionString, string instance)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from qrtz_scheduler_state where instance_name = @instance", connection);
        command.Parameters.AddWithValue("instance", instance);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}

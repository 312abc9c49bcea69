using Npgsql;

namespace NavusoftSync.Host.Telemetry;

/// <summary>How far one projection or subscription shard is behind the event store's head.</summary>
/// <param name="Events">Events appended after the shard's last processed sequence number.</param>
/// <param name="Seconds">How long the oldest of those has waited (0 when the shard is current).</param>
internal sealed record ShardLag(string Shard, long Events, double Seconds);

/// <summary>
/// Reads every shard's lag in one statement from Marten's progression table (<c>mt_event_progression</c>: the last
/// sequence number each projection/subscription shard processed) against the head of <c>mt_events</c> (its highest
/// sequence number); both reads use the primary key. The daemon's own rows (<c>HighWaterMark</c>,
/// <c>HighWaterAllocationFence</c>) are not shards.
/// </summary>
internal static class ProjectionLag
{
    public static async Task<IReadOnlyList<ShardLag>> ReadAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT p.name,
                   GREATEST(head.seq - p.last_seq_id, 0),
                   COALESCE(EXTRACT(EPOCH FROM now() - (SELECT e.timestamp FROM {schema}.mt_events e WHERE e.seq_id > p.last_seq_id ORDER BY e.seq_id LIMIT 1)), 0)
            FROM {schema}.mt_event_progression p,
                 (SELECT COALESCE(MAX(seq_id), 0) AS seq FROM {schema}.mt_events) head
            WHERE p.name NOT LIKE 'HighWater%'
            ORDER BY p.name
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lags = new List<ShardLag>();
        while (await reader.ReadAsync(cancellationToken))
        {
            lags.Add(new ShardLag(reader.GetString(0), reader.GetInt64(1), Math.Max(0, Convert.ToDouble(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return lags;
    }
}

using Npgsql;

namespace NavusoftSync.Bench;

/// <summary>
/// Where the database's time goes during a phase: samples <c>pg_stat_activity</c> of the benchmark's
/// database every 50 ms (statements running, by text) and reads the database's transaction count.
/// </summary>
internal sealed class SyncDatabaseSampler : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly string _database;
    private readonly Dictionary<string, int> _active = [];
    private SamplingLoop? _loop;
    private NpgsqlConnection? _connection;
    private int _samples;

    public SyncDatabaseSampler(string connectionString)
    {
        _connectionString = connectionString;
        _database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
    }

    public void Start() => _loop = new SamplingLoop(TimeSpan.FromMilliseconds(50), SampleAsync);

    public async Task<long> TransactionsAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select xact_commit + xact_rollback from pg_stat_database where datname = current_database()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The statements seen running most often: (share of samples with it running, statement).</summary>
    public IReadOnlyList<(double Share, string Statement)> Top(int count) =>
        [.. _active.OrderByDescending(a => a.Value).Take(count).Select(a => ((double)a.Value / Math.Max(1, _samples), a.Key))];

    public int Samples => _samples;

    public async ValueTask DisposeAsync()
    {
        if (_loop is not null)
        {
            await _loop.DisposeAsync();
            _loop = null;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }

    /// <summary>One look at the statements running, on one connection kept open over the phase.</summary>
    private async Task SampleAsync(CancellationToken stop)
    {
        if (_connection is null)
        {
            _connection = new NpgsqlConnection(_connectionString);
            await _connection.OpenAsync(stop);
        }

        await using (var command = new NpgsqlCommand(
            "select coalesce(wait_event_type || ':' || wait_event, 'cpu') || ' | ' || regexp_replace(left(query, 140), '\\s+', ' ', 'g') from pg_stat_activity where datname = @db and state = 'active' and pid <> pg_backend_pid()",
            _connection))
        {
            command.Parameters.AddWithValue("db", _database);
            await using var reader = await command.ExecuteReaderAsync(stop);
            while (await reader.ReadAsync(stop))
            {
                var statement = reader.GetString(0);
                _active[statement] = _active.GetValueOrDefault(statement) + 1;
            }
        }

        _samples++;
    }
}

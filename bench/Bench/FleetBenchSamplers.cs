using System.Globalization;
using Npgsql;

namespace NavusoftSync.Bench;

/// <summary>One sample of the projection daemon's lag: the slowest projection or subscription, events and seconds behind the newest event.</summary>
internal sealed record FleetLagSample(DateTimeOffset At, long EventsBehind, double SecondsBehind, string Slowest);

/// <summary>
/// Samples the async daemon's lag every second from Marten's progression table: for the slowest projection or subscription,
/// how many events lie between its position and the newest event (<c>max(seq_id)</c>, not the daemon's own high-water mark,
/// which lags with it), and how old the oldest event it has not processed is.
/// </summary>
internal sealed class FleetLagSampler : IAsyncDisposable
{
    private const string Query =
        """
        with newest as (select coalesce(max(seq_id), 0) as seq from events.mt_events),
             slowest as (select name, last_seq_id from events.mt_event_progression where name not like 'HighWater%' order by last_seq_id limit 1)
        select s.name, n.seq - s.last_seq_id,
               coalesce(extract(epoch from now() - (select e.timestamp from events.mt_events e where e.seq_id > s.last_seq_id order by e.seq_id limit 1)), 0)
        from slowest s, newest n
        """;

    private readonly string _connectionString;
    private readonly Lock _gate = new();
    private readonly List<FleetLagSample> _samples = [];
    private readonly SamplingLoop _loop;

    public FleetLagSampler(string connectionString)
    {
        _connectionString = connectionString;
        _loop = new SamplingLoop(TimeSpan.FromSeconds(1), SampleAsync);
    }

    public IReadOnlyList<FleetLagSample> Samples
    {
        get
        {
            lock (_gate)
            {
                return [.. _samples];
            }
        }
    }

    public ValueTask DisposeAsync() => _loop.DisposeAsync();

    private async Task SampleAsync(CancellationToken stop)
    {
        try
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync(stop);
            await using var command = new NpgsqlCommand(Query, connection);
            await using var reader = await command.ExecuteReaderAsync(stop);
            if (await reader.ReadAsync(stop))
            {
                var sample = new FleetLagSample(DateTimeOffset.UtcNow, Math.Max(0, reader.GetInt64(1)), Math.Max(0, Convert.ToDouble(reader.GetValue(2), CultureInfo.InvariantCulture)), reader.GetString(0));
                lock (_gate)
                {
                    _samples.Add(sample);
                }
            }
        }
        catch (NpgsqlException) when (!stop.IsCancellationRequested)
        {
            // a busy server: the next sample will do
        }
    }
}

/// <summary>
/// CPU time of the PostgreSQL server holding the benchmark's database over a phase: its postmaster (from
/// <c>postmaster.pid</c> in the data directory) and every child process (backends, WAL writer, checkpointer), read from
/// <c>/proc</c> every second; each process counts from its first reading (0 for one born in the phase) to its last, so a
/// backend that exits in the phase keeps what it used until its last reading. Other clusters on the machine are left out.
/// </summary>
internal sealed class FleetPostgresCpu : IAsyncDisposable
{
    private readonly int? _postmaster;
    private readonly Dictionary<int, (TimeSpan First, TimeSpan Last)> _processes = [];
    private readonly Lock _gate = new();
    private SamplingLoop? _loop;

    private FleetPostgresCpu(int? postmaster) => _postmaster = postmaster;

    public bool Known => _postmaster is not null;

    /// <summary>CPU time used since <see cref="Start"/>.</summary>
    public TimeSpan Used
    {
        get
        {
            Sample(initial: false);
            lock (_gate)
            {
                return _processes.Values.Aggregate(TimeSpan.Zero, (sum, p) => sum + (p.Last - p.First));
            }
        }
    }

    public static async Task<FleetPostgresCpu> FindAsync(string connectionString)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("show data_directory", connection);
            var directory = (string)(await command.ExecuteScalarAsync())!;
            var pid = File.ReadLines(Path.Combine(directory, "postmaster.pid")).First();
            return new FleetPostgresCpu(int.Parse(pid, CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is PostgresException or IOException or UnauthorizedAccessException or FormatException)
        {
            return new FleetPostgresCpu(null);
        }
    }

    public void Start()
    {
        Sample(initial: true);
        _loop = new SamplingLoop(TimeSpan.FromSeconds(1), () => Sample(initial: false));
    }

    public ValueTask DisposeAsync() => _loop?.DisposeAsync() ?? ValueTask.CompletedTask;

    private void Sample(bool initial)
    {
        if (_postmaster is not { } postmaster)
        {
            return;
        }

        foreach (var pid in Directory.EnumerateDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), CultureInfo.InvariantCulture, out var p) ? p : 0))
        {
            if (pid == postmaster || (pid > 0 && ParentOf(pid) == postmaster))
            {
                var cpu = MemorySampler.CpuTimeOf(pid);
                lock (_gate)
                {
                    _processes[pid] = _processes.TryGetValue(pid, out var seen) ? (seen.First, cpu > seen.Last ? cpu : seen.Last) : (initial ? cpu : TimeSpan.Zero, cpu);
                }
            }
        }
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}

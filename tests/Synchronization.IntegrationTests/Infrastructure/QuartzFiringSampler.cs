using System.Collections.Concurrent;
using Npgsql;

namespace NavusoftSync.Synchronization.IntegrationTests.Infrastructure;

/// <summary>
/// Watches the clustered Quartz store from outside: every 100 ms, which jobs are executing on which scheduler
/// instance (<c>qrtz_fired_triggers</c> rows in state <c>EXECUTING</c>). Evidence independent of the product's own
/// run events: one job seen executing twice at once is an overlap; the instances seen tell which nodes worked.
/// </summary>
internal sealed class QuartzFiringSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, int> _byInstance = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _overlaps = new();
    private readonly Task _loop;
    private int _samples;
    private int _disposed;

    private QuartzFiringSampler(string connectionString) => _loop = Task.Run(() => LoopAsync(connectionString));

    public int Samples => _samples;

    /// <summary>Per scheduler instance id: in how many samples it had a job executing.</summary>
    public IReadOnlyDictionary<string, int> ExecutingByInstance => _byInstance;

    /// <summary>Each sample in which one job was executing more than once.</summary>
    public IReadOnlyList<string> Overlaps => [.. _overlaps];

    public static QuartzFiringSampler Start(string connectionString) => new(connectionString);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync(string connectionString)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await SampleAsync(connectionString);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                // the first node has not created the store yet
            }
            catch (NpgsqlException) when (!_stop.IsCancellationRequested)
            {
                // a busy server: the next sample will do
            }

            await Task.Delay(100, _stop.Token);
        }
    }

    private async Task SampleAsync(string connectionString)
    {
        var executing = new List<(string Job, string Instance)>();
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(_stop.Token);
            await using var command = new NpgsqlCommand("SELECT job_name, instance_name FROM qrtz_fired_triggers WHERE state = 'EXECUTING' AND job_group = 'sync'", connection);
            await using var reader = await command.ExecuteReaderAsync(_stop.Token);
            while (await reader.ReadAsync(_stop.Token))
            {
                executing.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        Interlocked.Increment(ref _samples);
        foreach (var instance in executing.Select(e => e.Instance).Distinct(StringComparer.Ordinal))
        {
            _byInstance.AddOrUpdate(instance, 1, (_, n) => n + 1);
        }

        foreach (var job in executing.GroupBy(e => e.Job, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            _overlaps.Enqueue($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {job.Key} executing on {string.Join(", ", job.Select(j => j.Instance))}");
        }
    }
}

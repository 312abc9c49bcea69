namespace NavusoftSync.Bench;

/// <summary>
/// A benchmark sampler's loop: takes a sample, waits the period, and again, on a thread-pool task until disposed. Dispose
/// stops it and waits for the sample under way; a sample cut short by the stop ends the loop without an error.
/// </summary>
internal sealed class SamplingLoop : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private bool _disposed;

    public SamplingLoop(TimeSpan period, Func<CancellationToken, Task> sample)
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                await sample(_stop.Token);
                await Task.Delay(period, _stop.Token);
            }
        });
    }

    public SamplingLoop(TimeSpan period, Action sample)
        : this(period, _ =>
        {
            sample();
            return Task.CompletedTask;
        })
    {
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
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
}

namespace NavusoftSync.Synchronization.Tests.Providers.Infrastructure;

/// <summary>Counts HTTP requests in flight below the readers' own handlers (where the network would be), and the most seen at once.</summary>
public sealed class InFlightCounter
{
    private readonly Lock _gate = new();
    private int _current;

    public int Max { get; private set; }

    /// <summary>How long each request is held in flight, so overlapping requests become visible.</summary>
    public TimeSpan Hold { get; set; }

    public void Enter()
    {
        lock (_gate)
        {
            _current++;
            Max = Math.Max(Max, _current);
        }
    }

    public void Exit()
    {
        lock (_gate)
        {
            _current--;
        }
    }
}

internal sealed class CountingHandler(InFlightCounter counter) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        counter.Enter();
        try
        {
            if (counter.Hold > TimeSpan.Zero)
            {
                await Task.Delay(counter.Hold, cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            counter.Exit();
        }
    }
}

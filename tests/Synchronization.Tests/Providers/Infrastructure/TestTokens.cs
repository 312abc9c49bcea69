namespace NavusoftSync.Synchronization.Tests.Providers.Infrastructure;

/// <summary>
/// The access callback of a test link: answers the queued tokens in order, then the current one; counts how often it was
/// asked, and which tokens the reader reported rejected (401). <see cref="Fail"/> makes it throw instead, as the Linking
/// module does on invalid_grant.
/// </summary>
public sealed class TestTokens(string current)
{
    private readonly Queue<string> _first = new();
    private int _calls;

    public string Current { get; set; } = current;

    public Exception? Fail { get; set; }

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>The tokens reported rejected, in order.</summary>
    public List<string> Rejected { get; } = [];

    /// <summary>Answered (once each, in order) before <see cref="Current"/>.</summary>
    public TestTokens First(params string[] tokens)
    {
        foreach (var token in tokens)
        {
            _first.Enqueue(token);
        }

        return this;
    }

    public ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (Fail is { } failure)
        {
            throw failure;
        }

        lock (_first)
        {
            return ValueTask.FromResult(_first.TryDequeue(out var token) ? token : Current);
        }
    }

    public ValueTask RejectAsync(string token, CancellationToken cancellationToken)
    {
        lock (Rejected)
        {
            Rejected.Add(token);
        }

        return ValueTask.CompletedTask;
    }
}

using System.Collections.Concurrent;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Faults;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;

namespace NavusoftSync.Tools.ProviderSandbox.Realism;

/// <summary>
/// The providers' limits and latency, applied to every authenticated provider API request by the mailbox filter. A Graph
/// <c>$batch</c> is one round trip (latency once, not counted) whose inner requests are each counted and limited (no latency).
/// </summary>
internal sealed class RealismGate(SandboxOptions options, TimeProvider clock, RealismRejections rejections)
{
    private readonly ConcurrentDictionary<string, MailboxLimits> _mailboxes = new(StringComparer.OrdinalIgnoreCase);
    private RealismSettings _settings = options.Realism;
    private int _inLatency;

    public RealismSettings Settings => Volatile.Read(ref _settings);

    /// <summary>Requests waiting out their latency now.</summary>
    public int InLatency => Volatile.Read(ref _inLatency);

    /// <summary>
    /// Replaces the settings in force by <paramref name="change"/> of them, atomically: a change made meanwhile is taken
    /// as the starting point again, never lost. An exception from <paramref name="change"/> changes nothing.
    /// </summary>
    public RealismSettings Update(Func<RealismSettings, RealismSettings> change)
    {
        while (true)
        {
            var current = Settings;
            var next = change(current);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _settings, next, current), current))
            {
                return next;
            }
        }
    }

    public int GraphInFlight(string email) => _mailboxes.TryGetValue(email, out var limits) ? limits.GraphInFlight : 0;

    /// <summary>Counts the request and decides whether it is throttled; dispose the admission when the answer is decided.</summary>
    public RealismAdmission Admit(HttpContext http, ApiSurface surface, string email)
    {
        if (surface.Name == "graph" && !http.IsInBatch() && http.Request.Path.Value?.EndsWith("/$batch", StringComparison.Ordinal) == true)
        {
            return RealismAdmission.Accepted;
        }

        var settings = Settings;
        var limits = _mailboxes.GetOrAdd(email, static (_, provider) => new MailboxLimits(provider), surface.Provider);
        return surface.Name switch
        {
            "gmail" => Google(limits, limits.GmailUnits, GmailQuotaCosts.Of(http.Request.Method, http.Request.Path.Value ?? string.Empty), settings.GmailUnitsPerMinute, settings.GmailThrottleStatus),
            "calendar" => Google(limits, limits.CalendarRequests, 1, settings.CalendarRequestsPerMinute, settings.CalendarThrottleStatus, units: 0),
            _ => Graph(http, limits, settings),
        };
    }

    /// <summary>Waits out one round trip's latency (none inside a batch, none when the latency is 0).</summary>
    public async Task DelayAsync(HttpContext http)
    {
        var settings = Settings;
        if (http.IsInBatch() || settings.LatencyMs == 0 && settings.JitterMs == 0)
        {
            return;
        }

        var jitter = settings.JitterMs == 0 ? 0 : Random.Shared.Next(-settings.JitterMs, settings.JitterMs + 1);
        var delay = TimeSpan.FromMilliseconds(Math.Max(0, settings.LatencyMs + jitter));
        // The timer is made before the request counts as waiting, so whoever sees it waiting and moves the clock moves
        // this timer too (counted first, a clock moved meanwhile would start the wait after the move).
        var waiting = Task.Delay(delay, clock, http.RequestAborted);
        Interlocked.Increment(ref _inLatency);
        try
        {
            await waiting;
        }
        finally
        {
            Interlocked.Decrement(ref _inLatency);
        }
    }

    /// <summary>The settings and each mailbox's counters; a provider's counters are the sum of its mailboxes'.</summary>
    public RealismStatus Status()
    {
        var mailboxes = _mailboxes.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => (Email: m.Key, m.Value.Provider, Counters: m.Value.Counter.Read())).ToList();
        return new(
            Settings,
            Total(mailboxes.Where(m => m.Provider == SandboxProvider.Google).Select(m => m.Counters)),
            Total(mailboxes.Where(m => m.Provider == SandboxProvider.Microsoft).Select(m => m.Counters)),
            mailboxes.ToDictionary(m => m.Email, m => m.Counters, StringComparer.OrdinalIgnoreCase));
    }

    public void ResetCounters()
    {
        foreach (var limits in _mailboxes.Values)
        {
            limits.Counter.Clear();
        }
    }

    /// <summary>Forgets every mailbox's windows and counters (a sandbox reset); the settings stay.</summary>
    public void Clear() => _mailboxes.Clear();

    private static ProviderCounters Total(IEnumerable<ProviderCounters> mailboxes) =>
        mailboxes.Aggregate(new ProviderCounters(0, 0, 0), (sum, c) => new(sum.Requests + c.Requests, sum.Throttled + c.Throttled, sum.Units + c.Units));

    private RealismAdmission Google(MailboxLimits limits, RollingWindow window, int cost, int limit, int status, int? units = null)
    {
        var taken = limit == 0 || window.TryTake(clock.GetUtcNow(), cost, limit).Taken;
        limits.Counter.Count(units ?? cost, throttled: !taken);
        return taken ? RealismAdmission.Accepted : new RealismAdmission(RealismRejections.Google(status), null);
    }

    private RealismAdmission Graph(HttpContext http, MailboxLimits limits, RealismSettings settings)
    {
        IResult? throttled = null;
        var entered = limits.TryEnterGraph(settings.GraphConcurrentRequests);
        if (!entered)
        {
            throttled = rejections.Graph(http, TimeSpan.FromSeconds(1));
        }
        else if (settings.GraphRequestsPerTenMinutes > 0
            && limits.GraphRequests.TryTake(clock.GetUtcNow(), 1, settings.GraphRequestsPerTenMinutes) is (false, var retryAfter))
        {
            limits.LeaveGraph();
            throttled = rejections.Graph(http, retryAfter);
        }

        limits.Counter.Count(1, throttled is not null);
        return throttled is null ? new RealismAdmission(null, limits.LeaveGraph) : new RealismAdmission(throttled, null);
    }
}

/// <summary>A request's realism verdict: the rate-limit answer to send instead of the endpoint's, or a slot to release.</summary>
internal sealed class RealismAdmission(IResult? throttled, Action? release) : IDisposable
{
    public static readonly RealismAdmission Accepted = new(null, null);

    private Action? _release = release;

    public IResult? Throttled { get; } = throttled;

    public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
}

namespace NavusoftSync.Tools.ProviderSandbox.Contracts;

/// <summary>The named starting points of <see cref="RealismSettings"/>: everything off, or the providers' published figures.</summary>
public enum RealismProfile
{
    Off,
    Realistic,
}

/// <summary>
/// How much the sandbox behaves like the real providers: latency on every authenticated provider API request, Gmail quota
/// units and Calendar requests per user per rolling minute, Graph requests in flight and per rolling ten minutes per mailbox.
/// A limit of 0 means no limit. <see cref="Profile"/> names the profile the values started from (later overrides keep it).
/// </summary>
public sealed record RealismSettings
{
    public static readonly RealismSettings Off = new();

    /// <summary>Google's and Microsoft's published per-user limits and a 150 ms ± 30 ms round trip.</summary>
    public static readonly RealismSettings Realistic = new()
    {
        Profile = RealismProfile.Realistic,
        LatencyMs = 150,
        JitterMs = 30,
        GmailUnitsPerMinute = 15_000,
        CalendarRequestsPerMinute = 600,
        GraphConcurrentRequests = 4,
        GraphRequestsPerTenMinutes = 10_000,
    };

    public RealismProfile Profile { get; init; } = RealismProfile.Off;

    public int LatencyMs { get; init; }

    /// <summary>Each request's latency is <see cref="LatencyMs"/> plus a uniform draw in ±<see cref="JitterMs"/> (never below 0).</summary>
    public int JitterMs { get; init; }

    public int GmailUnitsPerMinute { get; init; }

    /// <summary>429 (<c>rateLimitExceeded</c>) or 403 (<c>userRateLimitExceeded</c>).</summary>
    public int GmailThrottleStatus { get; init; } = 429;

    public int CalendarRequestsPerMinute { get; init; }

    /// <summary>429 (<c>rateLimitExceeded</c>) or 403 (<c>userRateLimitExceeded</c>).</summary>
    public int CalendarThrottleStatus { get; init; } = 429;

    public int GraphConcurrentRequests { get; init; }

    public int GraphRequestsPerTenMinutes { get; init; }

    public static RealismSettings Of(RealismProfile profile) => profile == RealismProfile.Realistic ? Realistic : Off;
}

/// <summary>
/// The body of <c>PUT /_sandbox/realism</c>: the profile first (absent: the settings in force), then every field given
/// overrides it. Null fields are not sent.
/// </summary>
public sealed record RealismUpdate
{
    public RealismProfile? Profile { get; init; }

    public int? LatencyMs { get; init; }

    public int? JitterMs { get; init; }

    public int? GmailUnitsPerMinute { get; init; }

    public int? GmailThrottleStatus { get; init; }

    public int? CalendarRequestsPerMinute { get; init; }

    public int? CalendarThrottleStatus { get; init; }

    public int? GraphConcurrentRequests { get; init; }

    public int? GraphRequestsPerTenMinutes { get; init; }
}

/// <summary>
/// Provider API requests the realism saw, the ones it answered with a rate-limit error (429, or 403 when so configured),
/// and the quota units the accepted ones spent (Gmail units for Google; one per accepted Graph request for Microsoft).
/// </summary>
public sealed record ProviderCounters(long Requests, long Throttled, long Units);

/// <summary><c>GET /_sandbox/realism</c>: the settings in force and the counters per provider and per mailbox.</summary>
public sealed record RealismStatus(
    RealismSettings Settings, ProviderCounters Google, ProviderCounters Microsoft, IReadOnlyDictionary<string, ProviderCounters> Mailboxes);

using System.Globalization;

namespace NavusoftSync.Bench;

/// <summary>
/// The fleet benchmark's settings: how many links over how many tenants (users per tenant = links / tenants, one link
/// each, alternately Microsoft and Google), the poll interval, how long the measured phase lasts, the sandbox's latency
/// (0: none; otherwise the realistic profile with that round trip), Quartz threads per host, each mailbox's mail and
/// events, the new mail trickled into random mailboxes per second, whether one host is killed halfway, and Quartz's
/// cluster check-in interval and misfire threshold (<c>Quartz:CheckinIntervalSeconds</c>, <c>Quartz:CheckinMisfireThresholdSeconds</c>).
/// </summary>
internal sealed record FleetBenchOptions(
    int Links,
    int Tenants,
    int IntervalSeconds,
    double Minutes,
    int LatencyMs,
    int Threads,
    int Messages,
    int Events,
    double TricklePerSecond,
    bool Kill,
    int Parallel,
    int CheckinSeconds,
    int CheckinThresholdSeconds)
{
    public int UsersPerTenant => (Links + Tenants - 1) / Tenants;

    public static FleetBenchOptions Parse(string[] args)
    {
        string? Text(string name) => Array.IndexOf(args, $"--{name}") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        int Get(string name, int fallback) => int.TryParse(Text(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;
        double GetDouble(string name, double fallback) => double.TryParse(Text(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;

        var options = new FleetBenchOptions(
            Get("links", 1_000),
            Get("tenants", 100),
            Get("interval", 60),
            GetDouble("minutes", 6),
            Get("latency-ms", 0),
            Get("threads", 4),
            Get("messages", 20),
            Get("events", 5),
            GetDouble("trickle", 2),
            !args.Contains("--no-kill"),
            Get("parallel", 8),
            Get("checkin", 10),
            Get("checkin-threshold", 20));
        if (options.Links < 2 || options.Tenants < 1 || options.Tenants > options.Links || options.IntervalSeconds < 5 || options.Minutes <= 0 || options.Threads < 1)
        {
            throw new ArgumentException("--links >= 2, 1 <= --tenants <= --links, --interval >= 5, --minutes > 0, --threads >= 1.");
        }

        return options;
    }
}

using System.Diagnostics.Metrics;

namespace NavusoftSync.Synchronization.Push;

/// <summary>What became of a received notification.</summary>
internal enum NotificationOutcome
{
    /// <summary>It woke its link's sync (or asked for its registrations' upkeep).</summary>
    Accepted,

    /// <summary>Its id names no registration (an unknown, deleted or foreign subscription or channel).</summary>
    UnknownId,

    /// <summary>Its secret (<c>clientState</c>, channel token, OIDC token) did not match.</summary>
    BadSecret,

    /// <summary>Its body or headers could not be read.</summary>
    Malformed,

    /// <summary>Valid, but announces nothing new (a Gmail historyId the link's cursor is past, a channel's <c>sync</c> message).</summary>
    Stale,
}

/// <summary>
/// Counts notifications by provider and outcome (meter <c>NavusoftSync.Push</c>, counter <c>navusoftsync.push.notifications</c>,
/// tags <c>provider</c>, <c>outcome</c>): the forged and unknown ones do nothing else, and this is how an operator sees them.
/// </summary>
internal sealed class PushMetrics
{
    public const string MeterName = "NavusoftSync.Push";

    private readonly Counter<long> _notifications;

    /// <summary>The meter is the factory's (it disposes it with the host).</summary>
    public PushMetrics(IMeterFactory meters)
    {
        _notifications = meters.Create(MeterName).CreateCounter<long>("navusoftsync.push.notifications", description: "Push notifications received, by provider and outcome.");
    }

    public void Count(string provider, NotificationOutcome outcome) =>
        _notifications.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("outcome", outcome.ToString()));
}

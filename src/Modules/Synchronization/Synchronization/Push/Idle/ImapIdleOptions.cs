using Microsoft.Extensions.Configuration;

namespace NavusoftSync.Synchronization.Push.Idle;

/// <summary>
/// IMAP IDLE settings: <c>Sync:ImapIdleConnections</c> (the most IDLE connections one host process keeps; 0 turns IDLE
/// off) and <c>Sync:ImapIdleLeaseSeconds</c> (how long a host's claim on a link lasts without renewal: a dead host's
/// links are taken over by another after it).
/// </summary>
internal sealed class ImapIdleOptions
{
    /// <summary>An IDLE command is ended and sent again within this time (RFC 2177: servers may log out a client idle for 30 minutes).</summary>
    public static readonly TimeSpan IdleRenewal = TimeSpan.FromMinutes(29);

    /// <summary>The first wait before reconnecting after a dropped connection; it doubles with each failure in a row.</summary>
    public static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait before reconnecting.</summary>
    public static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(5);

    /// <summary>How long a link whose server has no IDLE is left to the poll before it is tried again.</summary>
    public static readonly TimeSpan RestWithoutIdle = TimeSpan.FromHours(6);

    /// <summary>How long a link whose server refused the login is left to the poll (whose run marks it ReauthRequired).</summary>
    public static readonly TimeSpan RestAfterRefusal = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long a link the Linking module has no credentials for is left alone: long enough for its ReauthRequired or
    /// unlink to reach this module (the link then drops out), short enough for a link made again to be watched soon.
    /// </summary>
    public static readonly TimeSpan RestWhenGone = TimeSpan.FromMinutes(1);

    public int Connections { get; set; } = 100;

    public int LeaseSeconds { get; set; } = 90;

    public bool IsOn => Connections > 0;

    public TimeSpan Lease => TimeSpan.FromSeconds(Math.Max(3, LeaseSeconds));

    /// <summary>The pool renews its leases and looks for links to watch three times per lease.</summary>
    public TimeSpan Cycle => Lease / 3;

    public static void Bind(ImapIdleOptions options, IConfiguration configuration)
    {
        options.Connections = Math.Max(0, configuration.GetValue("Sync:ImapIdleConnections", options.Connections));
        options.LeaseSeconds = configuration.GetValue("Sync:ImapIdleLeaseSeconds", options.LeaseSeconds);
    }
}

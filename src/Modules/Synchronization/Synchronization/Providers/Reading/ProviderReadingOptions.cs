namespace NavusoftSync.Synchronization.Providers.Reading;

/// <summary>
/// How the provider readers page, pace and retry: bound from the <c>Sync</c> section (beside the run's own keys).
/// Retry delays apply to answers without <c>Retry-After</c>; a <c>Retry-After</c> is always honoured, unless it asks
/// for more than <see cref="RetryMaxDelayMilliseconds"/>, in which case the run gives up (and runs again later).
/// </summary>
internal sealed class ProviderReadingOptions
{
    public const string SectionName = "Sync";

    /// <summary>Items per provider page: Graph <c>Prefer: odata.maxpagesize</c> / <c>$top</c>, Google <c>maxResults</c>.</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>HTTP requests in flight at once per mailbox for Microsoft Graph (Outlook allows 4) and CalDAV.</summary>
    public int MaxConcurrentRequestsPerMailbox { get; set; } = 4;

    /// <summary>
    /// HTTP requests in flight at once per Google mailbox. Gmail's quota (250 units/s, 5 per message read) allows 50 reads
    /// a second, which at round trips of 150 ms takes 7.5 in flight; Gmail refuses "too many concurrent requests for user"
    /// at a level it does not publish (reported with tens in flight). With 8 the quota budget, not the round trips, sets
    /// the pace.
    /// </summary>
    public int GoogleConcurrentRequestsPerMailbox { get; set; } = 8;

    /// <summary>Tries per request on 429/5xx/network failures, the first included.</summary>
    public int MaxAttempts { get; set; } = 4;

    public int RetryBaseDelayMilliseconds { get; set; } = 500;

    public int RetryMaxDelayMilliseconds { get; set; } = 30_000;

    public TimeSpan RetryBaseDelay => TimeSpan.FromMilliseconds(RetryBaseDelayMilliseconds);

    public TimeSpan RetryMaxDelay => TimeSpan.FromMilliseconds(RetryMaxDelayMilliseconds);

    /// <summary>The requests in flight at once per mailbox of <paramref name="provider"/>.</summary>
    public int ConcurrencyFor(string provider) =>
        provider == "google" ? GoogleConcurrentRequestsPerMailbox : MaxConcurrentRequestsPerMailbox;

    public bool IsValid() =>
        PageSize is >= 1 and <= 500 && MaxConcurrentRequestsPerMailbox >= 1 && GoogleConcurrentRequestsPerMailbox is >= 1 and <= 50 && MaxAttempts is >= 1 and <= 10
        && RetryBaseDelayMilliseconds >= 0 && RetryMaxDelayMilliseconds >= RetryBaseDelayMilliseconds;
}

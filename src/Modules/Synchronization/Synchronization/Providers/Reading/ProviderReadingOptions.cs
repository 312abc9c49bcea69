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

    /// <summary>HTTP requests in flight at once per linked mailbox (Outlook and Gmail both allow 4).</summary>
    public int MaxConcurrentRequestsPerMailbox { get; set; } = 4;

    /// <summary>Tries per request on 429/5xx/network failures, the first included.</summary>
    public int MaxAttempts { get; set; } = 4;

    public int RetryBaseDelayMilliseconds { get; set; } = 500;

    public int RetryMaxDelayMilliseconds { get; set; } = 30_000;

    public TimeSpan RetryBaseDelay => TimeSpan.FromMilliseconds(RetryBaseDelayMilliseconds);

    public TimeSpan RetryMaxDelay => TimeSpan.FromMilliseconds(RetryMaxDelayMilliseconds);

    public bool IsValid() =>
        PageSize is >= 1 and <= 500 && MaxConcurrentRequestsPerMailbox >= 1 && MaxAttempts is >= 1 and <= 10
        && RetryBaseDelayMilliseconds >= 0 && RetryMaxDelayMilliseconds >= RetryBaseDelayMilliseconds;
}

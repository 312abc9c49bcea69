using System.Net.Http.Headers;

namespace NavusoftSync.Synchronization.Providers.Reading;

/// <summary>Bounded exponential backoff with jitter, and the provider's <c>Retry-After</c> when it gave one.</summary>
internal static class RetryDelays
{
    /// <summary>The wait before retry number <paramref name="retry"/> (1-based): base·2^(retry−1), capped, times a jitter in [0.5, 1).</summary>
    public static TimeSpan Backoff(ProviderReadingOptions options, int retry)
    {
        var exponential = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, retry - 1));
        var capped = Math.Min(exponential, options.RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    /// <summary>The <c>Retry-After</c> of an answer (seconds or an HTTP date), when present.</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now) => headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}

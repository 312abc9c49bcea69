using System.Net;

namespace NavusoftSync.Synchronization.Providers.Reading;

/// <summary>What a provider's answer says about its rate limits: whether it throttled the request, and for how long it asked the mailbox to pause.</summary>
internal static class ProviderThrottling
{
    /// <summary>429, or Google's 403 <c>rateLimitExceeded</c> / <c>userRateLimitExceeded</c> (the body is read buffered).</summary>
    public static async Task<bool> IsThrottledAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return true;
        }

        if (response.StatusCode != HttpStatusCode.Forbidden)
        {
            return false;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return body.Contains("\"rateLimitExceeded\"", StringComparison.Ordinal) || body.Contains("\"userRateLimitExceeded\"", StringComparison.Ordinal);
    }

    /// <summary>
    /// The pause a throttled answer's <c>Retry-After</c> asks for, capped at <paramref name="max"/> (a header of days pauses
    /// the mailbox no longer than a run would wait); none without a usable header (absent, unparsable, negative, past).
    /// </summary>
    public static TimeSpan? Pause(HttpResponseMessage response, DateTimeOffset now, TimeSpan max) =>
        RetryDelays.RetryAfter(response.Headers, now) is { } wait && wait > TimeSpan.Zero
            ? (wait < max ? wait : max)
            : null;

    /// <summary>
    /// Removes a <c>Retry-After</c> no policy can honour (unparsable, negative, in the past), so every retry policy above
    /// falls back to its own backoff instead of failing on it.
    /// </summary>
    public static void DropUnusableRetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.Contains("Retry-After") && !(RetryDelays.RetryAfter(response.Headers, now) > TimeSpan.Zero))
        {
            response.Headers.Remove("Retry-After");
        }
    }
}

using System.Net;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Tests.Quota;

/// <summary>What a throttled answer's <c>Retry-After</c> makes of the mailbox's pause, for every header a provider (or a hostile proxy) may send.</summary>
public sealed class ProviderThrottlingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Max = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("7", 7)]
    [InlineData("172800", 30)] // two days: the pause stops at the longest a run waits
    [InlineData("Tue, 01 Dec 2026 09:00:12 GMT", 12)]
    [InlineData("2147483647", 30)] // int.MaxValue seconds
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT", 30)] // the last date there is
    public void A_usable_Retry_After_pauses_for_its_time_at_most_the_maximum(string header, int seconds)
    {
        using var answer = Throttled(header);

        Assert.Equal(TimeSpan.FromSeconds(seconds), ProviderThrottling.Pause(answer, Now, Max));
    }

    [Theory]
    [InlineData("-5")]
    [InlineData("soon")]
    [InlineData("99999999999999999999")]
    [InlineData("0")]
    [InlineData("Tue, 01 Dec 2026 08:00:00 GMT")]
    [InlineData(null)]
    public void An_absent_unparsable_negative_or_past_Retry_After_pauses_nothing_and_is_dropped(string? header)
    {
        using var answer = Throttled(header);

        Assert.Null(ProviderThrottling.Pause(answer, Now, Max));
        ProviderThrottling.DropUnusableRetryAfter(answer, Now);
        Assert.False(answer.Headers.Contains("Retry-After"));
    }

    [Fact]
    public async Task Google_403_rate_limit_reasons_are_throttling_and_other_403s_are_not()
    {
        using var limited = new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("""{"error":{"errors":[{"reason":"userRateLimitExceeded"}]}}""") };
        using var denied = new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("""{"error":{"errors":[{"reason":"insufficientPermissions"}]}}""") };

        Assert.True(await ProviderThrottling.IsThrottledAsync(limited, CancellationToken.None));
        Assert.False(await ProviderThrottling.IsThrottledAsync(denied, CancellationToken.None));
        Assert.True(await ProviderThrottling.IsThrottledAsync(Throttled(null), CancellationToken.None));
    }

    private static HttpResponseMessage Throttled(string? retryAfter)
    {
        var answer = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent(string.Empty) };
        if (retryAfter is not null)
        {
            answer.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        return answer;
    }
}

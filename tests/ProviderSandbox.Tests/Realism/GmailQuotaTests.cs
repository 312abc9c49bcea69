using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Realism;

/// <summary>Gmail's per-user quota: 15,000 units per rolling minute, units by method, Google's rate-limit answer.</summary>
public sealed class GmailQuotaTests : RealismTest
{
    [Fact]
    public async Task A_user_over_15000_units_in_a_minute_gets_429_until_the_window_frees_and_another_user_is_unaffected()
    {
        await SetAsync(new RealismUpdate { Profile = RealismProfile.Realistic, LatencyMs = 0, JitterMs = 0 });
        for (var i = 0; i < 150; i++)
        {
            using var watch = await WatchAsync(Gmail); // 100 units each
            Assert.Equal(200, (int)watch.StatusCode);
        }

        using var over = await GmailAsync(Gmail, "profile");
        Assert.Equal(429, (int)over.StatusCode);
        Assert.Null(over.Headers.RetryAfter);
        var error = (await BodyAsync(over))["error"]!;
        Assert.Equal(429, error["code"]!.GetValue<int>());
        Assert.Equal("Rate Limit Exceeded", error["message"]!.GetValue<string>());
        Assert.Equal("usageLimits", error["errors"]![0]!["domain"]!.GetValue<string>());
        Assert.Equal("rateLimitExceeded", error["errors"]![0]!["reason"]!.GetValue<string>());
        using (var other = await GmailAsync(OtherGmail, "profile"))
        {
            Assert.Equal(200, (int)other.StatusCode);
        }

        Clock.Advance(TimeSpan.FromSeconds(59));
        using (var stillOver = await GmailAsync(Gmail, "profile"))
        {
            Assert.Equal(429, (int)stillOver.StatusCode);
        }

        Clock.Advance(TimeSpan.FromSeconds(1));
        using (var freed = await GmailAsync(Gmail, "profile"))
        {
            Assert.Equal(200, (int)freed.StatusCode);
        }

        var status = await Sandbox.Control.GetRealismAsync(Ct);
        Assert.Equal(new ProviderCounters(153, 2, 15_001), status.Mailboxes[Gmail]);
        Assert.Equal(new ProviderCounters(154, 2, 15_002), status.Google);
        Assert.Equal(new ProviderCounters(0, 0, 0), status.Microsoft);
    }

    [Fact]
    public async Task Each_method_spends_Googles_published_units()
    {
        await SetAsync(new RealismUpdate { Profile = RealismProfile.Realistic, LatencyMs = 0, JitterMs = 0 });

        (await GmailAsync(Gmail, "profile")).Dispose();                        // 1
        (await GmailAsync(Gmail, "history?startHistoryId=1")).Dispose();       // 2
        (await GmailAsync(Gmail, "messages")).Dispose();                       // 5
        (await GmailAsync(Gmail, "messages/unknown-id")).Dispose();            // 5, also when the answer is 404
        (await WatchAsync(Gmail)).Dispose();                                   // 100
        (await GmailAsync(Gmail, "stop", HttpMethod.Post)).Dispose();          // 50
        (await GmailAsync(Gmail, "threads/unknown-thread")).Dispose();         // 5 (every other method)

        var counters = (await Sandbox.Control.GetRealismAsync(Ct)).Mailboxes[Gmail];
        Assert.Equal(new ProviderCounters(7, 0, 168), counters);
    }

    [Fact]
    public async Task The_403_variant_answers_userRateLimitExceeded()
    {
        await SetAsync(new RealismUpdate { Profile = RealismProfile.Realistic, LatencyMs = 0, JitterMs = 0, GmailUnitsPerMinute = 2, GmailThrottleStatus = 403 });
        (await GmailAsync(Gmail, "profile")).Dispose();
        (await GmailAsync(Gmail, "profile")).Dispose();

        using var over = await GmailAsync(Gmail, "profile");

        Assert.Equal(403, (int)over.StatusCode);
        var error = (await BodyAsync(over))["error"]!;
        Assert.Equal(403, error["code"]!.GetValue<int>());
        Assert.Equal("User Rate Limit Exceeded", error["message"]!.GetValue<string>());
        Assert.Equal("userRateLimitExceeded", error["errors"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal("usageLimits", error["errors"]![0]!["domain"]!.GetValue<string>());
    }

    [Fact]
    public async Task Calendar_allows_600_requests_per_user_per_rolling_minute()
    {
        await SetAsync(new RealismUpdate { Profile = RealismProfile.Realistic, LatencyMs = 0, JitterMs = 0, CalendarThrottleStatus = 403 });
        var url = Sandbox.CalendarBaseUrl + "/calendars/primary/events";
        for (var i = 0; i < 600; i++)
        {
            using var list = await SendAsync(Gmail, HttpMethod.Get, url);
            Assert.Equal(200, (int)list.StatusCode);
        }

        using var over = await SendAsync(Gmail, HttpMethod.Get, url);
        using var other = await SendAsync(OtherGmail, HttpMethod.Get, url);
        using var gmail = await GmailAsync(Gmail, "profile");

        Assert.Equal(403, (int)over.StatusCode);
        Assert.Equal("userRateLimitExceeded", (await BodyAsync(over))["error"]!["errors"]![0]!["reason"]!.GetValue<string>());
        Assert.Equal(200, (int)other.StatusCode);
        Assert.Equal(200, (int)gmail.StatusCode);
        Clock.Advance(TimeSpan.FromSeconds(60));
        using var freed = await SendAsync(Gmail, HttpMethod.Get, url);
        Assert.Equal(200, (int)freed.StatusCode);
    }
}

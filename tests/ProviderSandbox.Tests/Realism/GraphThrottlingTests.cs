using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Realism;

/// <summary>Graph per mailbox: four requests in flight, 10,000 per rolling ten minutes, 429 with Retry-After.</summary>
public sealed class GraphThrottlingTests : RealismTest
{
    private readonly CancellationTokenSource _long = new(TimeSpan.FromMinutes(3));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _long.Dispose();
    }

    [Fact]
    public async Task The_fifth_request_in_flight_gets_429_with_Retry_After_1_and_another_mailbox_is_unaffected()
    {
        await SetAsync(new RealismUpdate { Profile = RealismProfile.Realistic, LatencyMs = 150, JitterMs = 0 });
        var first = Enumerable.Range(0, 4).Select(_ => GraphMeAsync(Graph)).ToList();
        await WaitUntilAsync(() => Gate.GraphInFlight(Graph) == 4);

        var fifth = GraphMeAsync(Graph);
        var other = GraphMeAsync(OtherGraph);
        await WaitUntilAsync(() => Gate.InLatency == 6);
        Clock.Advance(TimeSpan.FromMilliseconds(150));

        foreach (var response in await Task.WhenAll(first))
        {
            Assert.Equal(200, (int)response.StatusCode);
            response.Dispose();
        }

        using var throttled = await fifth;
        using var unaffected = await other;
        Assert.Equal(429, (int)throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), throttled.Headers.RetryAfter!.Delta);
        var error = (await BodyAsync(throttled))["error"]!;
        Assert.Equal("TooManyRequests", error["code"]!.GetValue<string>());
        Assert.Equal("Please retry again later.", error["message"]!.GetValue<string>());
        Assert.NotNull(error["innerError"]!["request-id"]);
        Assert.Equal(200, (int)unaffected.StatusCode);
        Assert.Equal(0, Gate.GraphInFlight(Graph));
        Assert.Equal(new ProviderCounters(5, 1, 4), (await Sandbox.Control.GetRealismAsync(Ct)).Mailboxes[Graph]);
    }

    [Fact]
    public async Task The_10001st_request_in_ten_minutes_gets_429_with_a_Retry_After_that_counts_down()
    {
        await SetAsync(new RealismUpdate { Profile = RealismProfile.Realistic, LatencyMs = 0, JitterMs = 0 });
        await SpendInBatchesAsync(5_000);
        Clock.Advance(TimeSpan.FromSeconds(300));
        await SpendInBatchesAsync(5_000);

        using (var over = await GraphMeAsync(Graph))
        {
            Assert.Equal(429, (int)over.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(300), over.Headers.RetryAfter!.Delta);
            Assert.Equal("TooManyRequests", (await BodyAsync(over))["error"]!["code"]!.GetValue<string>());
        }

        using (var other = await GraphMeAsync(OtherGraph))
        {
            Assert.Equal(200, (int)other.StatusCode);
        }

        Clock.Advance(TimeSpan.FromSeconds(100));
        using (var later = await GraphMeAsync(Graph))
        {
            Assert.Equal(429, (int)later.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(200), later.Headers.RetryAfter!.Delta);
        }

        Clock.Advance(TimeSpan.FromSeconds(200));
        using (var freed = await GraphMeAsync(Graph))
        {
            Assert.Equal(200, (int)freed.StatusCode);
        }

        Assert.Equal(new ProviderCounters(10_003, 2, 10_001), (await Sandbox.Control.GetRealismAsync(Ct)).Mailboxes[Graph]);
    }

    /// <summary>Spends Graph requests twenty at a time through <c>$batch</c>: each inner request counts, the envelope does not.</summary>
    private async Task SpendInBatchesAsync(int requests)
    {
        for (var sent = 0; sent < requests; sent += 20)
        {
            var batch = new JsonObject
            {
                ["requests"] = new JsonArray([.. Enumerable.Range(0, 20).Select(i => (JsonNode)new JsonObject { ["id"] = $"{i}", ["method"] = "GET", ["url"] = "/me" })]),
            };
            using var response = await SendAsync(Graph, HttpMethod.Post, Sandbox.GraphBaseUrl + "/$batch", batch.ToJsonString()).WaitAsync(_long.Token);
            var statuses = (await BodyAsync(response))["responses"]!.AsArray().Select(r => r!["status"]!.GetValue<int>());
            Assert.All(statuses, status => Assert.Equal(200, status));
        }
    }
}

using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Realism;

/// <summary>Latency on the sandbox clock: a request answers only once its latency has passed.</summary>
public sealed class LatencyTests : RealismTest
{
    [Fact]
    public async Task A_request_waits_its_latency_within_the_jitter_on_the_sandbox_clock()
    {
        await SetAsync(new RealismUpdate { Profile = RealismProfile.Realistic, LatencyMs = 150, JitterMs = 30 });
        var request = GmailAsync(Gmail, "profile");
        await WaitUntilAsync(() => Gate.InLatency == 1);

        Clock.Advance(TimeSpan.FromMilliseconds(119));
        await Task.WhenAny(request, Task.Delay(TimeSpan.FromMilliseconds(300), Ct)); // a wrong answer would arrive meanwhile
        Assert.False(request.IsCompleted);
        Assert.Equal(1, Gate.InLatency);

        Clock.Advance(TimeSpan.FromMilliseconds(61));
        using var response = await request;
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(0, Gate.InLatency);
    }

    [Fact]
    public async Task A_graph_batch_waits_one_latency_for_all_its_requests()
    {
        await SetAsync(new RealismUpdate { Profile = RealismProfile.Realistic, LatencyMs = 150, JitterMs = 0 });
        var batch = SendAsync(Graph, HttpMethod.Post, Sandbox.GraphBaseUrl + "/$batch",
            """{"requests":[{"id":"1","method":"GET","url":"/me"},{"id":"2","method":"GET","url":"/me"}]}""");
        await WaitUntilAsync(() => Gate.InLatency == 1);

        Clock.Advance(TimeSpan.FromMilliseconds(150));
        using var response = await batch;

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(new ProviderCounters(2, 0, 2), (await Sandbox.Control.GetRealismAsync(Ct)).Microsoft);
    }

    [Fact]
    public async Task Off_by_default_requests_answer_at_once_without_limits()
    {
        for (var i = 0; i < 151; i++)
        {
            using var watch = await WatchAsync(Gmail); // 15,100 units
            Assert.Equal(200, (int)watch.StatusCode);
        }

        var fiveAtOnce = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => GraphMeAsync(Graph)));

        Assert.All(fiveAtOnce, r => Assert.Equal(200, (int)r.StatusCode));
        var status = await Sandbox.Control.GetRealismAsync(Ct);
        Assert.Equal(RealismSettings.Off, status.Settings);
        Assert.Equal(0, status.Google.Throttled + status.Microsoft.Throttled);
        Assert.Equal(0, Gate.InLatency);
    }
}

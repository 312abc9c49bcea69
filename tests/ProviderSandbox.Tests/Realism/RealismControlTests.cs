using System.Text;
using Microsoft.Extensions.Configuration;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using NavusoftSync.Tools.ProviderSandbox.Realism;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Realism;

/// <summary><c>/_sandbox/realism</c>: profile then overrides, strict validation, counters, configuration.</summary>
public sealed class RealismControlTests : RealismTest
{
    [Fact]
    public async Task The_realistic_profile_carries_the_published_figures_and_overrides_apply_after_it()
    {
        var realistic = await Sandbox.Control.SetRealismAsync(new RealismUpdate { Profile = RealismProfile.Realistic }, Ct);
        Assert.Equal(
            new RealismSettings
            {
                Profile = RealismProfile.Realistic, LatencyMs = 150, JitterMs = 30, GmailUnitsPerMinute = 15_000, GmailThrottleStatus = 429,
                CalendarRequestsPerMinute = 600, CalendarThrottleStatus = 429, GraphConcurrentRequests = 4, GraphRequestsPerTenMinutes = 10_000,
            },
            realistic.Settings);

        var tuned = await Sandbox.Control.SetRealismAsync(new RealismUpdate { LatencyMs = 80, GmailThrottleStatus = 403 }, Ct);
        Assert.Equal(RealismSettings.Realistic with { LatencyMs = 80, GmailThrottleStatus = 403 }, tuned.Settings);

        var off = await Sandbox.Control.SetRealismAsync(new RealismUpdate { Profile = RealismProfile.Off, GraphConcurrentRequests = 2 }, Ct);
        Assert.Equal(RealismSettings.Off with { GraphConcurrentRequests = 2 }, off.Settings);
        Assert.Equal(off.Settings, (await Sandbox.Control.GetRealismAsync(Ct)).Settings);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("""{"latencyMs": -1}""")]
    [InlineData("""{"latencyMs": 60001}""")]
    [InlineData("""{"latencyMs": 1e12}""")]
    [InlineData("""{"latencyMs": 1.5}""")]
    [InlineData("""{"latencyMs": "150"}""")]
    [InlineData("""{"latencyMs": null}""")]
    [InlineData("""{"gmailUnitsPerMinute": 100000001}""")]
    [InlineData("""{"gmailThrottleStatus": 500}""")]
    [InlineData("""{"calendarThrottleStatus": 200}""")]
    [InlineData("""{"profile": "fast"}""")]
    [InlineData("""{"profile": 1}""")]
    [InlineData("""{"profile": "realistic", "latencyMsTypo": 10}""")]
    [InlineData("""{"latencyMs": 10, "latencyMs": 20}""")]
    [InlineData("""{"latencyMs": 9223372036854775808}""")]
    [InlineData("""{"gmailUnitsPerMinute": -99999999999999999999999999999}""")]
    public Task A_bad_body_is_a_400_problem_and_changes_nothing(string body) =>
        AssertRefusedAsync(new StringContent(body, Encoding.UTF8, "application/json"));

    [Theory]
    [InlineData("10 MB")]
    [InlineData("nested 10,000 deep")]
    [InlineData("not UTF-8")]
    public Task A_hostile_body_is_a_400_problem_and_changes_nothing(string kind) => AssertRefusedAsync(kind switch
    {
        "10 MB" => new StringContent($$"""{"note": "{{new string('x', 10_000_000)}}"}""", Encoding.UTF8, "application/json"),
        "nested 10,000 deep" => new StringContent("""{"latencyMs": """ + new string('[', 10_000) + new string(']', 10_000) + "}", Encoding.UTF8, "application/json"),
        _ => new ByteArrayContent([(byte)'{', (byte)'"', 0xFF, 0xFE, (byte)'"', (byte)':', (byte)'1', (byte)'}']),
    });

    [Fact]
    public async Task Concurrent_puts_while_requests_flow_lose_no_override_and_count_every_request()
    {
        await SetAsync(new RealismUpdate { Profile = RealismProfile.Realistic, LatencyMs = 0, JitterMs = 0 });
        var requests = Enumerable.Range(0, 200).Select(_ => GmailAsync(Gmail, "profile")).ToList();
        RealismUpdate[] updates =
        [
            new() { GmailUnitsPerMinute = 100 }, new() { GmailThrottleStatus = 403 }, new() { CalendarRequestsPerMinute = 7 },
            new() { CalendarThrottleStatus = 403 }, new() { GraphConcurrentRequests = 9 }, new() { GraphRequestsPerTenMinutes = 11 },
        ];

        await Task.WhenAll(updates.Select(SetAsync));
        var responses = await Task.WhenAll(requests);

        Assert.All(responses, r => Assert.Contains((int)r.StatusCode, new[] { 200, 403, 429 }));
        var status = await Sandbox.Control.GetRealismAsync(Ct);
        Assert.Equal(
            RealismSettings.Realistic with
            {
                LatencyMs = 0, JitterMs = 0, GmailUnitsPerMinute = 100, GmailThrottleStatus = 403, CalendarRequestsPerMinute = 7,
                CalendarThrottleStatus = 403, GraphConcurrentRequests = 9, GraphRequestsPerTenMinutes = 11,
            },
            status.Settings);
        Assert.Equal(new ProviderCounters(200, responses.Count(r => (int)r.StatusCode != 200), responses.Count(r => (int)r.StatusCode == 200)), status.Google);
        Array.ForEach(responses, r => r.Dispose());
    }

    [Fact]
    public async Task A_sandbox_reset_clears_the_windows_and_the_counters_and_keeps_the_settings()
    {
        await SetAsync(new RealismUpdate { Profile = RealismProfile.Realistic, LatencyMs = 0, JitterMs = 0, GmailUnitsPerMinute = 1 });
        (await GmailAsync(Gmail, "profile")).Dispose();
        using (var over = await GmailAsync(Gmail, "profile"))
        {
            Assert.Equal(429, (int)over.StatusCode);
        }

        var settings = (await Sandbox.Control.GetRealismAsync(Ct)).Settings;

        await Sandbox.Control.ResetAsync(Ct);
        await AddMailboxesAsync();
        using var again = await GmailAsync(Gmail, "profile");

        Assert.Equal(200, (int)again.StatusCode);
        var status = await Sandbox.Control.GetRealismAsync(Ct);
        Assert.Equal(settings, status.Settings);
        Assert.Equal(new ProviderCounters(1, 0, 1), status.Google);
        Assert.Equal(KeyValuePair.Create(Gmail, new ProviderCounters(1, 0, 1)), Assert.Single(status.Mailboxes));
    }

    private async Task AssertRefusedAsync(HttpContent content)
    {
        await Sandbox.Control.SetRealismAsync(new RealismUpdate { Profile = RealismProfile.Realistic, LatencyMs = 0 }, Ct);

        using var response = await Http.PutAsync("_sandbox/realism", content, Ct);
        content.Dispose();

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(400, (await BodyAsync(response))["status"]!.GetValue<int>());
        Assert.Equal(RealismSettings.Realistic with { LatencyMs = 0 }, (await Sandbox.Control.GetRealismAsync(Ct)).Settings);
    }

    [Fact]
    public async Task A_put_applies_its_overrides_to_the_settings_in_force_once_its_body_has_arrived()
    {
        await SetAsync(new RealismUpdate { Profile = RealismProfile.Realistic, LatencyMs = 0 });
        using var slowBody = new GatedContent("""{"jitterMs": 7}""");
        using var handler = new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromMinutes(1) };
        using var client = new HttpClient(handler) { BaseAddress = Http.BaseAddress };
        using var slowPut = new HttpRequestMessage(HttpMethod.Put, "_sandbox/realism") { Content = slowBody };
        slowPut.Headers.ExpectContinue = true; // the body goes once the sandbox starts reading it (100 Continue)
        var slow = client.SendAsync(slowPut, Ct);
        await slowBody.Requested.WaitAsync(Ct);

        await SetAsync(new RealismUpdate { LatencyMs = 5 });
        slowBody.Release();
        using var response = await slow;

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(RealismSettings.Realistic with { LatencyMs = 5, JitterMs = 7 }, (await Sandbox.Control.GetRealismAsync(Ct)).Settings);
    }

    [Fact]
    public async Task Counters_reset_on_request_and_the_settings_stay()
    {
        await SetAsync(new RealismUpdate { Profile = RealismProfile.Realistic, LatencyMs = 0, JitterMs = 0 });
        (await GmailAsync(Gmail, "profile")).Dispose();
        (await GraphMeAsync(Graph)).Dispose();
        var before = await Sandbox.Control.GetRealismAsync(Ct);
        Assert.Equal(new ProviderCounters(1, 0, 1), before.Google);
        Assert.Equal(new ProviderCounters(1, 0, 1), before.Microsoft);

        await Sandbox.Control.ResetRealismCountersAsync(Ct);

        var after = await Sandbox.Control.GetRealismAsync(Ct);
        Assert.Equal(new ProviderCounters(0, 0, 0), after.Google);
        Assert.Equal(new ProviderCounters(0, 0, 0), after.Microsoft);
        Assert.All(after.Mailboxes.Values, c => Assert.Equal(new ProviderCounters(0, 0, 0), c));
        Assert.Equal(before.Settings, after.Settings);
    }

    [Fact]
    public void The_standalone_configuration_takes_the_profile_then_overrides_and_refuses_bad_values()
    {
        static IConfigurationSection Section(params (string Key, string Value)[] values) => new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>("Sandbox:Realism:" + v.Key, v.Value)))
            .Build()
            .GetSection("Sandbox:Realism");

        Assert.Equal(RealismSettings.Off, RealismOverrides.FromConfiguration(Section()));
        Assert.Equal(
            RealismSettings.Realistic with { LatencyMs = 200, GraphConcurrentRequests = 8 },
            RealismOverrides.FromConfiguration(Section(("Profile", "Realistic"), ("LatencyMs", "200"), ("GraphConcurrentRequests", "8"))));
        Assert.Throws<InvalidOperationException>(() => RealismOverrides.FromConfiguration(Section(("LatencyMs", "-5"))));
        Assert.Throws<InvalidOperationException>(() => RealismOverrides.FromConfiguration(Section(("LatencyMs", "soon"))));
        Assert.Throws<InvalidOperationException>(() => RealismOverrides.FromConfiguration(Section(("Latency", "10"))));
    }

    [Fact]
    public async Task Options_start_the_sandbox_with_a_profile()
    {
        await using var sandbox = await SandboxHost.StartAsync(new SandboxOptions { TimeProvider = Clock, Realism = RealismSettings.Realistic }, Ct);

        Assert.Equal(RealismSettings.Realistic, (await sandbox.Control.GetRealismAsync(Ct)).Settings);
    }

    /// <summary>A body that is sent only when <see cref="Release"/> is called; <see cref="Requested"/> completes when the client asks for it.</summary>
    private sealed class GatedContent(string json) : HttpContent
    {
        private readonly TaskCompletionSource _requested = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly byte[] _bytes = Encoding.UTF8.GetBytes(json);

        public Task Requested => _requested.Task;

        public void Release() => _released.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            _requested.TrySetResult();
            await _released.Task;
            await stream.WriteAsync(_bytes);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _bytes.Length;
            return true;
        }
    }
}

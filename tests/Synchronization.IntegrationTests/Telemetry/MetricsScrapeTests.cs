using System.Net;
using System.Net.Http.Json;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests.Telemetry;

/// <summary>
/// A Google link synced through the real host and sandbox, then <c>/metrics</c> read as Prometheus does: the run, its
/// duration buckets, the items scanned and recorded by source, the projection lag per shard, and the calendar request
/// latency by route.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class MetricsScrapeTests : IAsyncLifetime
{
    private const string Tenant = "tenant-metrics";
    private const string ScrapeToken = "metrics-test-scrape-token-0123456789";
    private SyncWorld _world = null!;

    public async Task InitializeAsync() => _world = await SyncWorld.StartAsync(Tenant, new Dictionary<string, string?>
    {
        ["Telemetry:Prometheus:Enabled"] = "true",
        ["Telemetry:Prometheus:ScrapeToken"] = ScrapeToken,
        ["Telemetry:ProjectionLag:SampleSeconds"] = "0.2",
        ["Sync:FirstSyncPlan"] = "scan", // both messages read (a planned read skips the one with no contact)
    });

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_sync_shows_in_the_scrape_with_its_run_items_duration_lag_and_the_calendar_latency()
    {
        var linkId = await LinkGoogleMailboxAsync();
        var before = await ScrapeAsync();

        var run = await _world.RunAsync(linkId);
        Assert.True(run.Ran, run.Reason);
        await _world.WaitAsync();
        var calendar = await _world.App.ClientFor(Tokens.User(Tenant, "user-metrics")).GetAsync("/api/me/calendar?from=2026-01-01&to=2026-01-31");
        Assert.Equal(HttpStatusCode.OK, calendar.StatusCode);
        var after = await ScrapeAsync();

        var completed = new[] { ("provider", "google"), ("trigger", "schedule"), ("outcome", "completed") };
        Assert.Equal(1, Increase(before, after, "navusoftsync_sync_runs_total", completed));
        Assert.Equal(1, Increase(before, after, "navusoftsync_sync_run_duration_seconds_count", completed));
        Assert.Equal(1, Increase(before, after, "navusoftsync_sync_run_duration_seconds_bucket", [.. completed, ("le", "+Inf")]));
        Assert.Equal(14, after.Count(s => s.Name == "navusoftsync_sync_run_duration_seconds_bucket" && completed.All(l => s.Has(l.Item1, l.Item2))));
        Assert.Equal(1, Increase(before, after, "navusoftsync_sync_items_recorded_total", ("provider", "google"), ("source", "mail")));
        Assert.Equal(1, Increase(before, after, "navusoftsync_sync_items_recorded_total", ("provider", "google"), ("source", "calendar")));
        Assert.Equal(2, Increase(before, after, "navusoftsync_sync_items_scanned_total", ("provider", "google"), ("source", "mail")));
        Assert.Equal(2, Increase(before, after, "navusoftsync_sync_items_scanned_total", ("provider", "google"), ("source", "calendar")));
        Assert.Equal(1, PrometheusText.Sum(after, "http_server_request_duration_seconds_count", ("http_route", "/api/me/calendar"), ("http_response_status_code", "200")));
        Assert.DoesNotContain(after, s => s.Name.StartsWith("http_server_request_duration_seconds", StringComparison.Ordinal) && s.Has("http_route", "/metrics"));
        Assert.DoesNotContain(after, s => s.Labels.Values.Contains(linkId));

        // Every event delivered (WaitAsync above): each shard's lag comes down to nothing once the sampler reads again.
        var lag = await EventuallyAsync(samples => Lags(samples).Any(s => s.Has("shard", "calendar:All")) && Lags(samples).All(s => s.Value == 0));
        Assert.Contains(lag, s => s.Name == "navusoftsync_projection_lag_seconds" && s.Has("shard", "synchronization_publisher:All"));
        Assert.DoesNotContain(lag, s => s.Labels.TryGetValue("shard", out var shard) && shard.StartsWith("HighWater", StringComparison.Ordinal));
    }

    private async Task<string> LinkGoogleMailboxAsync()
    {
        const string mailbox = "dana-metrics@hauler.example";
        var now = DateTimeOffset.UtcNow;
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = SandboxProvider.Google,
            Messages =
            [
                new ScenarioMessage { Subject = "Container swap", From = mailbox, To = ["pat@customer.example"], SentAt = now.AddDays(-2), Body = "Tomorrow?", Folder = "sentitems" },
                new ScenarioMessage { Subject = "Lunch", From = "stranger@elsewhere.example", To = [mailbox], SentAt = now.AddDays(-1), Body = "Private" },
            ],
            Events =
            [
                new ScenarioEvent { Subject = "Yard walk", Start = now.AddDays(3), End = now.AddDays(3).AddHours(1), Organizer = mailbox, Attendees = [new ScenarioAttendee { Address = "pat@customer.example" }] },
                new ScenarioEvent { Subject = "Dentist", Start = now.AddDays(4), End = now.AddDays(4).AddHours(1), Organizer = mailbox, Attendees = [new ScenarioAttendee { Address = "dentist@elsewhere.example" }] },
            ],
        });
        await _world.SeedAsync("google");
        var linkId = await _world.LinkAsync(_world.App.ClientFor(Tokens.User(Tenant, "user-metrics")), "google", mailbox);
        await _world.WaitAsync();
        return linkId;
    }

    private async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new("Bearer", ScrapeToken);
        var response = await _world.App.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Scrapes until <paramref name="done"/> holds (the lag sampler runs every 0.2 s here), at most 15 s.</summary>
    private async Task<IReadOnlyList<PrometheusSample>> EventuallyAsync(Func<IReadOnlyList<PrometheusSample>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var samples = await ScrapeAsync();
        while (!done(samples) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            samples = await ScrapeAsync();
        }

        Assert.True(done(samples), "the scrape never showed the expected samples");
        return samples;
    }

    private static IEnumerable<PrometheusSample> Lags(IEnumerable<PrometheusSample> samples) =>
        samples.Where(s => s.Name is "navusoftsync_projection_lag_events" or "navusoftsync_projection_lag_seconds");

    private static double Increase(IReadOnlyList<PrometheusSample> before, IReadOnlyList<PrometheusSample> after, string name, params (string, string)[] labels) =>
        PrometheusText.Sum(after, name, labels) - PrometheusText.Sum(before, name, labels);
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using Quartz;

namespace NavusoftSync.Synchronization.IntegrationTests;

/// <summary>With the clustered scheduler on: linking schedules the link's job, the first sync runs at once, unlinking removes the job.</summary>
public sealed class ScheduledSyncTests : IAsyncLifetime
{
    private const string Tenant = "tenant-scheduled";
    private SyncWorld _world = null!;

    public async Task InitializeAsync() =>
        _world = await SyncWorld.StartAsync(Tenant, new Dictionary<string, string?> { ["Quartz:Enabled"] = "true", ["Sync:IntervalSeconds"] = "3600" });

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Linking_starts_the_first_sync_at_once_and_unlinking_removes_the_job()
    {
        var (user, linkId) = await LinkMailboxAsync("dana@hauler.example", "user-1", "Invoice question");

        var store = _world.App.Services.GetRequiredService<IDocumentStore>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(45);
        IReadOnlyList<EmailThread> threads = [];
        while (threads.Count == 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(250);
            await using var session = store.QuerySession(Tenant);
            threads = await session.Query<EmailThread>().ToListAsync();
        }

        Assert.Equal("Invoice question", Assert.Single(threads).Subject);
        var scheduler = await _world.App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var job = new JobKey($"{Tenant}|{linkId}", "sync");
        Assert.True(await scheduler.Exists(job));

        Assert.Equal(HttpStatusCode.NoContent, (await user.DeleteAsync($"/api/me/links/{linkId}")).StatusCode);
        deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (await scheduler.Exists(job) && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.False(await scheduler.Exists(job));
    }

    [Fact]
    public async Task Requests_to_sync_at_once_made_during_a_run_coalesce_into_one_more_run()
    {
        const string mailbox = "lee@hauler.example";
        var (user, linkId) = await LinkMailboxAsync(mailbox, "user-2", "Route change");
        await WaitForRunsAsync(linkId, started: 1, finished: 1);

        // The next run waits 3 s on a throttled calendar read; ten more requests arrive meanwhile.
        await _world.Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = mailbox, Kind = FaultKind.Throttle, PathPrefix = "/v1.0/me/calendarView", RetryAfterSeconds = 3 });
        Assert.Equal(HttpStatusCode.Accepted, (await user.PostAsync($"/api/me/links/{linkId}/sync", null)).StatusCode);
        await WaitForRunsAsync(linkId, started: 2, finished: 1);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await user.PostAsync($"/api/me/links/{linkId}/sync", null)).StatusCode);
        }

        await WaitForRunsAsync(linkId, started: 3, finished: 3);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal((3, 3), await RunCountsAsync(linkId));

        // Each run says what set it going, newest first: the two asked for, then the first after linking.
        var runs = await user.GetFromJsonAsync<JsonElement>($"/api/me/links/{linkId}/runs");
        Assert.Equal(["manual", "manual", "link"], runs.EnumerateArray().Select(r => r.GetProperty("trigger").GetString()).ToList());
    }

    /// <summary>A Microsoft mailbox holding one message from contact Pat, the tenant seeded, and the mailbox linked by the user.</summary>
    private async Task<(HttpClient User, string LinkId)> LinkMailboxAsync(string mailbox, string userId, string subject)
    {
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = SandboxProvider.Microsoft,
            Messages = [new ScenarioMessage { Subject = subject, From = "pat@customer.example", To = [mailbox], SentAt = DateTimeOffset.UtcNow.AddDays(-1) }],
        });
        await _world.SeedAsync("microsoft");
        var user = _world.App.ClientFor(Tokens.User(Tenant, userId));
        return (user, await _world.LinkAsync(user, "microsoft", mailbox));
    }

    private async Task WaitForRunsAsync(string linkId, int started, int finished)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(45);
        while (await RunCountsAsync(linkId) is var counts && (counts.Started < started || counts.Finished < finished) && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(await RunCountsAsync(linkId) is var reached && reached.Started >= started && reached.Finished >= finished, $"expected {started} started and {finished} finished runs");
    }

    private async Task<(int Started, int Finished)> RunCountsAsync(string linkId)
    {
        await using var session = _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant);
        var events = (await session.Events.FetchStreamAsync(Runs.SyncRunner.SyncStreamKey(linkId))).Select(e => e.Data).ToList();
        return (events.Count(e => e is Runs.SyncRunStarted), events.Count(e => e is Runs.SyncRunCompleted or Runs.SyncRunFailed));
    }
}

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
        await WaitForRunsAsync(user, linkId, started: 1, finished: 1);

        // The next run waits 6 s on a throttled calendar read; ten more requests arrive meanwhile, all at once so that
        // a loaded machine answering them slowly still fits them inside that run.
        await _world.Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = mailbox, Kind = FaultKind.Throttle, PathPrefix = "/v1.0/me/calendarView", RetryAfterSeconds = 6 });
        Assert.Equal(HttpStatusCode.Accepted, (await user.PostAsync($"/api/me/links/{linkId}/sync", null)).StatusCode);
        await WaitForRunsAsync(user, linkId, started: 2, finished: 1);
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => user.PostAsync($"/api/me/links/{linkId}/sync", null)));
        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode));
        Assert.True(await RunCountsAsync(user, linkId) == (2, 1), "the ten requests were all answered while the second run was still waiting");

        // A fourth run could start only from a trigger of the link's job that is still to fire, or
        // from a run still in flight. Wait until three runs are finished, the job runs nowhere, and
        // its only trigger left is the periodic one (next due in an hour): from then on no fourth
        // run can start, so the history read after that moment is final.
        await WaitForRunsAsync(user, linkId, started: 3, finished: 3);
        var scheduler = await _world.App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var job = new JobKey($"{Tenant}|{linkId}", "sync");
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        IReadOnlyCollection<ITrigger> triggers;
        while ((triggers = await scheduler.GetTriggersOfJob(job)).Count != 1 || await IsRunningAsync(scheduler, job))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"the link's job still has {triggers.Count} triggers or is running");
            await Task.Delay(100);
        }

        var periodic = Assert.Single(triggers);
        Assert.True(periodic.NextFireTimeUtc > DateTimeOffset.UtcNow.AddMinutes(30), "only the hourly trigger is left");
        Assert.Equal((3, 3), await RunCountsAsync(user, linkId));

        // Each run says what set it going, newest first: the two asked for, then the first after linking.
        var runs = await user.GetFromJsonAsync<JsonElement>($"/api/me/links/{linkId}/runs");
        Assert.Equal(["manual", "manual", "link"], runs.EnumerateArray().Select(r => r.GetProperty("trigger").GetString()).ToList());
    }

    /// <summary>Whether a firing of the job is executing anywhere in the cluster (the job store's record of firings).</summary>
    private static async Task<bool> IsRunningAsync(IScheduler scheduler, JobKey job) =>
        (await scheduler.QueryFireInstances(new FireInstanceQuery { Job = job })).Items.Count > 0;

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
        await _world.WaitAsync(); // the contact is known before the link exists, so no look-back run joins the link's first
        var user = _world.App.ClientFor(Tokens.User(Tenant, userId));
        return (user, await _world.LinkAsync(user, "microsoft", mailbox));
    }

    private static async Task WaitForRunsAsync(HttpClient user, string linkId, int started, int finished)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(45);
        while (await RunCountsAsync(user, linkId) is var counts && (counts.Started < started || counts.Finished < finished) && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(await RunCountsAsync(user, linkId) is var reached && reached.Started >= started && reached.Finished >= finished, $"expected {started} started and {finished} finished runs");
    }

    /// <summary>
    /// The link's run history (<c>GET /api/me/links/{linkId}/runs</c>, an inline projection of the run
    /// events): runs started, runs finished. A link the Synchronization module knows nothing of yet is a 404: no runs.
    /// </summary>
    private static async Task<(int Started, int Finished)> RunCountsAsync(HttpClient user, string linkId)
    {
        var response = await user.GetAsync($"/api/me/links/{linkId}/runs?limit=50");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return (0, 0);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var runs = (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        return (runs.Count, runs.Count(r => r.GetProperty("finishedAt").ValueKind != JsonValueKind.Null));
    }
}

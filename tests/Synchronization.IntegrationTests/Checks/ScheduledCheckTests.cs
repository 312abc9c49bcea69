using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using Quartz;

namespace NavusoftSync.Synchronization.IntegrationTests.Checks;

/// <summary>
/// With the clustered scheduler on: a link gets its completeness check job, <c>POST /api/me/links/{linkId}/check</c> runs
/// the check for the link's owner only, and a run that outlasts the time limit is stopped, fails saying so, and is
/// followed by a new run.
/// </summary>
public sealed class ScheduledCheckTests : IAsyncLifetime
{
    private const string Tenant = "tenant-scheduled-check";
    private SyncWorld _world = null!;

    public async Task InitializeAsync() =>
        _world = await SyncWorld.StartAsync(Tenant, new Dictionary<string, string?>
        {
            ["Quartz:Enabled"] = "true",
            ["Sync:IntervalSeconds"] = "3600",
            ["Sync:RunTimeLimitSeconds"] = "8",
        });

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task The_owner_asks_for_a_check_and_it_runs_while_anyone_else_gets_404()
    {
        var (user, linkId) = await LinkAsync("dana@hauler.example", "user-owner");
        await WaitForRunsAsync(user, linkId, r => r.Any(IsFinished));
        var scheduler = await _world.App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.True(await scheduler.Exists(new JobKey($"{Tenant}|{linkId}", "check")));

        var other = _world.App.ClientFor(Tokens.User(Tenant, "user-other"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/me/links/{linkId}/check", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await user.PostAsync("/api/me/links/no-such-link/check", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await user.PostAsync($"/api/me/links/{linkId}/check", null)).StatusCode);

        var runs = await WaitForRunsAsync(user, linkId, r => r.Any(x => x.GetProperty("trigger").GetString() == "check" && IsFinished(x)));
        Assert.Equal(1, runs.Count(r => r.GetProperty("trigger").GetString() == "check"));
        var completeness = await WaitForAsync(async () =>
            (await user.GetFromJsonAsync<JsonElement>("/api/me/links")).EnumerateArray().Single(l => l.GetProperty("linkId").GetString() == linkId).GetProperty("completeness"),
            c => c.ValueKind != JsonValueKind.Null);
        Assert.Equal(1, completeness.GetProperty("expected").GetInt32());
        Assert.Equal(1, completeness.GetProperty("present").GetInt32());
        Assert.Equal(0, completeness.GetProperty("repaired").GetInt32());
    }

    [Fact]
    public async Task A_run_longer_than_the_time_limit_is_stopped_fails_saying_so_and_a_new_run_follows()
    {
        const string mailbox = "lee@hauler.example";
        await _world.Sandbox.Control.AddMailboxAsync(Mailbox(mailbox));
        await _world.Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = mailbox, Kind = FaultKind.Throttle, PathPrefix = "/v1.0/me/mailFolders", RetryAfterSeconds = 28 });
        var (user, linkId) = await LinkAsync(mailbox, "user-slow", addMailbox: false);

        var runs = await WaitForRunsAsync(user, linkId, r => r.Any(run => IsFinished(run) && Outcome(run) == "completed"));

        var finished = runs.AsEnumerable().Reverse().Where(IsFinished).ToList(); // oldest first
        var stopped = finished[0];
        Assert.Equal("failed", Outcome(stopped));
        Assert.Equal("The sync took longer than 8 seconds and was stopped; a new sync has been started and resumes where this one left off.", stopped.GetProperty("error").GetString());
        Assert.True(stopped.GetProperty("finishedAt").GetDateTimeOffset() - stopped.GetProperty("startedAt").GetDateTimeOffset() < TimeSpan.FromSeconds(25), "stopped, not waited out");
        var completed = finished.First(r => Outcome(r) == "completed");
        Assert.Equal("schedule", completed.GetProperty("trigger").GetString());

        // The Retry-After paused the mailbox's shared quota: the runs that follow wait it out instead of asking again.
        Assert.True(
            completed.GetProperty("finishedAt").GetDateTimeOffset() >= stopped.GetProperty("startedAt").GetDateTimeOffset().AddSeconds(27),
            "a run completed before the provider's Retry-After had passed");
    }

    private static string Outcome(JsonElement run) => run.GetProperty("outcome").GetString()!.ToLowerInvariant();

    private static ScenarioMailbox Mailbox(string mailbox) => new()
    {
        Email = mailbox,
        Provider = SandboxProvider.Microsoft,
        Messages = [new ScenarioMessage { Subject = "Gate code", From = "pat@customer.example", To = [mailbox], SentAt = DateTimeOffset.UtcNow.AddDays(-1) }],
    };

    private async Task<(HttpClient User, string LinkId)> LinkAsync(string mailbox, string userId, bool addMailbox = true)
    {
        if (addMailbox)
        {
            await _world.Sandbox.Control.AddMailboxAsync(Mailbox(mailbox));
        }

        await _world.SeedAsync("microsoft");
        await _world.WaitAsync();
        var user = _world.App.ClientFor(Tokens.User(Tenant, userId));
        return (user, await _world.LinkAsync(user, "microsoft", mailbox));
    }

    private static bool IsFinished(JsonElement run) => run.GetProperty("finishedAt").ValueKind != JsonValueKind.Null;

    /// <summary>The link's runs, newest first, once <paramref name="done"/> holds for them (polled; fails after 60 s).</summary>
    private static Task<List<JsonElement>> WaitForRunsAsync(HttpClient user, string linkId, Func<List<JsonElement>, bool> done) =>
        WaitForAsync(async () =>
        {
            var response = await user.GetAsync($"/api/me/links/{linkId}/runs?limit=50");
            return response.StatusCode == HttpStatusCode.NotFound ? [] : (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToList();
        }, done);

    private static async Task<T> WaitForAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        var value = await read();
        while (!done(value))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "the condition did not hold within 60 s");
            await Task.Delay(200);
            value = await read();
        }

        return value;
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Runs;
using NavusoftSync.Synchronization.Runs.Checks.Health;
using NavusoftSync.Synchronization.Runs.Progress;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests.Checks;

/// <summary>
/// The run watchdog, driven by its own clock: a run left "running" by a process that died, and a link no run of which
/// ended for three intervals, are flagged once; the link shows Failed with a sentence until a run completes.
/// </summary>
public sealed class RunHealthTests : IAsyncLifetime
{
    private const string Tenant = "tenant-health";
    private SyncWorld _world = null!;

    public async Task InitializeAsync() =>
        _world = await SyncWorld.StartAsync(Tenant, new Dictionary<string, string?> { ["Sync:IntervalSeconds"] = "3600", ["Sync:RunTimeLimitSeconds"] = "900" });

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_run_left_running_past_the_time_limit_is_ended_as_failed_and_the_link_says_so_until_a_run_completes()
    {
        var (user, linkId) = await LinkAsync("dana@hauler.example", "user-stale");
        var lostAt = DateTimeOffset.UtcNow;
        await AppendAsync(linkId, new SyncRunStarted(linkId, "run-lost", lostAt, SyncTrigger.Schedule), new LinkRunProgress(linkId, "run-lost", lostAt, SyncTrigger.Schedule, 50, 7));

        Assert.Equal(0, await SweepAtAsync(lostAt.AddMinutes(10))); // still within the limit: it may be running
        var underway = (await LinkOfAsync(user, linkId)).GetProperty("progress");
        Assert.Equal(("run-lost", "schedule", 50, 7), (underway.GetProperty("runId").GetString(), underway.GetProperty("trigger").GetString(), underway.GetProperty("scanned").GetInt32(), underway.GetProperty("recorded").GetInt32()));
        Assert.Equal(1, await SweepAtAsync(lostAt.AddSeconds(900).AddMinutes(2)));
        Assert.Equal(JsonValueKind.Null, (await LinkOfAsync(user, linkId)).GetProperty("progress").ValueKind); // the lost run's progress ends with it
        await using (var session = _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant))
        {
            Assert.Null(await session.LoadAsync<LinkRunProgress>(linkId));
        }

        await _world.WaitAsync();
        var link = await LinkOfAsync(user, linkId);
        Assert.Equal("Failed", link.GetProperty("status").GetString());
        Assert.Equal(RunHealthRules.StaleRunReason, link.GetProperty("lastSyncError").GetString());
        var lost = (await user.GetFromJsonAsync<JsonElement>($"/api/me/links/{linkId}/runs")).EnumerateArray().Single(r => r.GetProperty("runId").GetString() == "run-lost");
        Assert.Equal("failed", lost.GetProperty("outcome").GetString()!.ToLowerInvariant());
        Assert.Equal(RunHealthRules.StaleRunReason, lost.GetProperty("error").GetString());

        Assert.True((await _world.RunAsync(linkId)).Ran);
        await _world.WaitAsync();
        Assert.Equal("Active", (await LinkOfAsync(user, linkId)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_link_no_run_of_which_ended_for_three_intervals_is_flagged_once()
    {
        var (user, linkId) = await LinkAsync("lee@hauler.example", "user-overdue");
        var now = DateTimeOffset.UtcNow;

        Assert.Equal(0, await SweepAtAsync(now.AddHours(2.5))); // hourly: overdue only after three hours
        Assert.Equal(1, await SweepAtAsync(now.AddHours(4)));
        Assert.Equal(0, await SweepAtAsync(now.AddHours(4).AddMinutes(5))); // flagged already: not again

        await _world.WaitAsync();
        var link = await LinkOfAsync(user, linkId);
        Assert.Equal("Failed", link.GetProperty("status").GetString());
        Assert.StartsWith("No sync of this account has finished since", link.GetProperty("lastSyncError").GetString(), StringComparison.Ordinal);
    }

    private async Task<int> SweepAtAsync(DateTimeOffset at)
    {
        var watchdog = ActivatorUtilities.CreateInstance<RunWatchdog>(_world.App.Services, (TimeProvider)new FakeTimeProvider(at));
        return await watchdog.SweepAsync(CancellationToken.None);
    }

    /// <summary>A run's started event (and the progress it committed), as a process that then died left them.</summary>
    private async Task AppendAsync(string linkId, object e, LinkRunProgress? progress = null)
    {
        await using var session = _world.App.Services.GetRequiredService<IDocumentStore>().LightweightSession(Tenant);
        session.Events.Append(SyncStream.KeyOf(linkId), e);
        if (progress is not null)
        {
            session.Store(progress);
        }

        await session.SaveChangesAsync();
    }

    /// <summary>A Microsoft mailbox with one message from contact Pat, linked, and one run completed.</summary>
    private async Task<(HttpClient User, string LinkId)> LinkAsync(string mailbox, string userId)
    {
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = SandboxProvider.Microsoft,
            Messages = [new ScenarioMessage { Subject = "Gate code", From = "pat@customer.example", To = [mailbox], SentAt = DateTimeOffset.UtcNow.AddDays(-1) }],
        });
        await _world.SeedAsync("microsoft");
        var user = _world.App.ClientFor(Tokens.User(Tenant, userId));
        var linkId = await _world.LinkAsync(user, "microsoft", mailbox);
        await _world.WaitAsync();
        Assert.True((await _world.RunAsync(linkId)).Ran);
        await _world.WaitAsync();
        return (user, linkId);
    }

    private static async Task<JsonElement> LinkOfAsync(HttpClient user, string linkId) =>
        (await user.GetFromJsonAsync<JsonElement>("/api/me/links")).EnumerateArray().Single(l => l.GetProperty("linkId").GetString() == linkId);
}

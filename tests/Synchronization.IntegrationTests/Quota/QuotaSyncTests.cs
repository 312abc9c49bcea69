using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests.Quota;

/// <summary>
/// A Gmail first sync through the real host with a small configured quota (100 units per 4 s): the run slows down to the
/// quota and completes, and the sandbox's request log shows no 4 s window over the limit and no 429. The units are
/// counted from the log with Gmail's published costs (profile 1, history 2, every other method 5).
/// </summary>
public sealed class QuotaSyncTests : IAsyncLifetime
{
    private const string Tenant = "tenant-quota";
    private const string Mailbox = "dana@hauler.example";
    private const int Limit = 100;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(4);
    private SyncWorld _world = null!;

    public async Task InitializeAsync() => _world = await SyncWorld.StartAsync(Tenant, new Dictionary<string, string?>
    {
        ["Sync:Quota:GrantHoldMilliseconds"] = "100",
        ["Sync:Quota:Gmail:Limit"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Sync:Quota:Gmail:WindowSeconds"] = "4",
        ["Sync:FirstSyncPlan"] = "scan", // every message read: enough units to show the pacing (a planned read spends little)
    });

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_first_sync_under_a_small_quota_slows_to_it_and_completes_without_a_429()
    {
        var now = DateTimeOffset.UtcNow;
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = Mailbox,
            Provider = SandboxProvider.Google,
            Messages = [.. Enumerable.Range(1, 30).Select(i => new ScenarioMessage
            {
                Subject = $"Container swap {i}", From = "pat@customer.example", To = [Mailbox], SentAt = now.AddHours(-i), Body = $"Swap number {i}",
            })],
        });
        await _world.SeedAsync("google");
        var linkId = await _world.LinkAsync(_world.App.ClientFor(Tokens.User(Tenant, "user-dana")), "google", Mailbox);
        await _world.WaitAsync();

        var run = await _world.RunAsync(linkId);

        Assert.True(run.Ran, run.Reason);
        var gmail = (await _world.Sandbox.Control.GetRequestsAsync(mailbox: Mailbox)).Where(r => r.Api == "gmail").OrderBy(r => r.Timestamp).ToList();
        Assert.DoesNotContain(gmail, r => r.Status == 429);
        Assert.True(gmail.Sum(Units) > 2 * Limit, $"the sync spent only {gmail.Sum(Units)} units: too few to show the pacing");
        var busiest = gmail.Max(first => gmail.Where(r => r.Timestamp >= first.Timestamp && r.Timestamp < first.Timestamp + Window).Sum(Units));
        Assert.True(busiest <= Limit, $"a 4 s window saw {busiest} Gmail units, over the configured {Limit}");
        Assert.True(gmail[^1].Timestamp - gmail[0].Timestamp >= Window, "the sync did not slow down to the quota");
    }

    private static int Units(RequestLogEntry request) =>
        request.Path.EndsWith("/profile", StringComparison.Ordinal) ? 1 : request.Path.EndsWith("/history", StringComparison.Ordinal) ? 2 : 5;
}

using System.Net.Http.Json;
using System.Text.Json;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests;

/// <summary>
/// <c>progress</c> of <c>GET /api/me/links</c>: while a run of the link is underway, its id, start and trigger and what
/// it has committed so far, page by page (five items a page here); null before and after. Runs are held on throttled
/// provider answers (Retry-After) so the test can look while they wait. A provider that keeps failing ends the run with
/// a sentence, never the provider's answer or an exception's name.
/// </summary>
public sealed class RunProgressTests : IAsyncLifetime
{
    private const string Tenant = "tenant-progress";
    private const int Messages = 12;
    private SyncWorld _world = null!;

    public async Task InitializeAsync() =>
        _world = await SyncWorld.StartAsync(Tenant, new Dictionary<string, string?> { ["Sync:PageSize"] = "5", ["Sync:IntervalSeconds"] = "3600" });

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_run_underway_shows_what_it_has_committed_so_far_and_nothing_once_it_has_ended()
    {
        const string mailbox = "robin@hauler.example";
        var (user, linkId) = await LinkAsync(mailbox, "robin");
        Assert.Equal(JsonValueKind.Null, (await LinkOfAsync(user, linkId)).GetProperty("progress").ValueKind);

        // The run's first mail read waits 4 s, its first calendar read (after every mail page is committed) 10 s.
        await _world.Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = mailbox, Kind = FaultKind.Throttle, PathPrefix = "/v1.0/me/mailFolders", RetryAfterSeconds = 4 });
        await _world.Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = mailbox, Kind = FaultKind.Throttle, PathPrefix = "/v1.0/me/calendarView", RetryAfterSeconds = 10 });
        var run = Task.Run(() => _world.RunAsync(linkId));

        var first = await WaitForProgressAsync(user, linkId, p => true, "the run shows no progress while its first mail read waits");
        Assert.Equal((0, 0), (first.GetProperty("scanned").GetInt32(), first.GetProperty("recorded").GetInt32()));
        Assert.Equal("schedule", first.GetProperty("trigger").GetString());

        var later = await WaitForProgressAsync(
            user, linkId, p => p.GetProperty("scanned").GetInt32() >= Messages, "the committed mail pages never showed in the progress", status: "Syncing");
        Assert.Equal(first.GetProperty("runId").GetString(), later.GetProperty("runId").GetString());
        Assert.Equal(first.GetProperty("startedAt").GetDateTimeOffset(), later.GetProperty("startedAt").GetDateTimeOffset());
        Assert.Equal(Messages, later.GetProperty("recorded").GetInt32());
        var running = (await user.GetFromJsonAsync<JsonElement>($"/api/me/links/{linkId}/runs"))[0];
        Assert.Equal((first.GetProperty("runId").GetString(), "running"), (running.GetProperty("runId").GetString(), running.GetProperty("outcome").GetString()));

        var result = await run;
        Assert.True(result.Ran, result.Reason);
        Assert.Equal(JsonValueKind.Null, (await LinkOfAsync(user, linkId)).GetProperty("progress").ValueKind); // cleared with the completed run
        await _world.WaitAsync();
        var link = await LinkOfAsync(user, linkId);
        Assert.Equal(("Active", (long)Messages), (link.GetProperty("status").GetString(), link.GetProperty("emailsSynced").GetInt64()));
    }

    [Fact]
    public async Task A_provider_that_keeps_failing_ends_the_run_with_a_sentence_and_no_progress()
    {
        const string mailbox = "kim@hauler.example";
        var (user, linkId) = await LinkAsync(mailbox, "kim");
        await _world.Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = mailbox, Kind = FaultKind.ServerError, PathPrefix = "/v1.0/me/mailFolders", Count = 50 });

        var result = await _world.RunAsync(linkId);

        Assert.False(result.Ran);
        const string sentence = "Microsoft 365 did not answer as expected, so the sync stopped; it starts again at the next run, where this one left off. " +
            "If this keeps happening, tell your Navusoft administrator.";
        await _world.WaitAsync();
        var link = await LinkOfAsync(user, linkId);
        Assert.Equal(("Failed", sentence), (link.GetProperty("status").GetString(), link.GetProperty("lastSyncError").GetString()));
        Assert.Equal(JsonValueKind.Null, link.GetProperty("progress").ValueKind);
        var failed = (await user.GetFromJsonAsync<JsonElement>($"/api/me/links/{linkId}/runs"))[0];
        Assert.Equal(("failed", sentence), (failed.GetProperty("outcome").GetString(), failed.GetProperty("error").GetString()));
        foreach (var jargon in new[] { "Exception", "Graph", "500", "delta" })
        {
            Assert.DoesNotContain(jargon, link.GetProperty("lastSyncError").GetString()!, StringComparison.Ordinal);
        }
    }

    /// <summary>A Microsoft mailbox holding <see cref="Messages"/> messages from contact Pat, the tenant seeded, the mailbox linked.</summary>
    private async Task<(HttpClient User, string LinkId)> LinkAsync(string mailbox, string userId)
    {
        var now = DateTimeOffset.UtcNow;
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = SandboxProvider.Microsoft,
            Messages =
            [
                .. Enumerable.Range(1, Messages).Select(i =>
                    new ScenarioMessage { Subject = $"Delivery window {i}", From = "pat@customer.example", To = [mailbox], SentAt = now.AddHours(-i) }),
            ],
        });
        await _world.SeedAsync("microsoft");
        await _world.WaitAsync(); // the contact is known before the link exists: no look-back run
        var user = _world.App.ClientFor(Tokens.User(Tenant, userId));
        var linkId = await _world.LinkAsync(user, "microsoft", mailbox);
        await _world.WaitAsync();
        return (user, linkId);
    }

    /// <summary>Polls the link until its <c>progress</c> is present, satisfies <paramref name="until"/> and the link shows <paramref name="status"/> (any when null).</summary>
    private static async Task<JsonElement> WaitForProgressAsync(HttpClient user, string linkId, Func<JsonElement, bool> until, string failure, string? status = null)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (DateTimeOffset.UtcNow < deadline)
        {
            var link = await LinkOfAsync(user, linkId);
            var progress = link.GetProperty("progress");
            if (progress.ValueKind == JsonValueKind.Object && until(progress) && (status is null || link.GetProperty("status").GetString() == status))
            {
                return progress;
            }

            await Task.Delay(100);
        }

        Assert.Fail(failure);
        return default;
    }

    private static async Task<JsonElement> LinkOfAsync(HttpClient user, string linkId) =>
        (await user.GetFromJsonAsync<JsonElement>("/api/me/links")).EnumerateArray().Single(l => l.GetProperty("linkId").GetString() == linkId);
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests.Push;

/// <summary>
/// What push loses, polling and the upkeep find again: a dropped notification's message still reaches the calendar
/// within the fallback interval (here 4 s, against an hourly normal interval), and that poll, having found a change no
/// notification announced, makes the link's push again; a duplicated notification records its message once.
/// </summary>
public sealed class PushRecoveryTests : IAsyncLifetime
{
    private const string Tenant = "tenant-push-recovery";
    private const int FallbackSeconds = 4;
    private SyncWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await PushWorlds.StartAsync(Tenant, fallbackSeconds: FallbackSeconds);
        await _world.SeedAsync("microsoft");
        Assert.Equal(HttpStatusCode.OK, (await _world.App.ClientFor(Tokens.Admin(Tenant)).PutAsJsonAsync("/api/admin/providers/google", new { enabled = true, reviewTicket = "TR-42" })).StatusCode);
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Theory]
    [InlineData("microsoft", "cy@hauler.example")]
    [InlineData("google", "di@hauler-google.example")]
    public async Task A_dropped_notification_is_caught_by_the_fallback_poll_which_makes_push_again(string provider, string mailbox)
    {
        var (user, linkId) = await LinkAsync(provider, mailbox);
        var before = await RegistrationIdsAsync(mailbox);

        // Push counts as silent only once no notification came for a whole fallback interval: let one pass first.
        await Task.Delay(TimeSpan.FromSeconds(FallbackSeconds + 1));

        await _world.Sandbox.Control.QueuePushFaultAsync(new PushFaultSpec { Mailbox = mailbox, Kind = PushFaultKind.Drop, Count = 5 });
        await AddMessageAsync(mailbox, "Dropped but not lost");
        Assert.True(await StoredSync.EventuallyAsync(async () => (await PushEndToEndTests.TitlesAsync(user)).Contains("Dropped but not lost"), TimeSpan.FromSeconds(30)));
        var runs = await user.GetFromJsonAsync<JsonElement>($"/api/me/links/{linkId}/runs");
        Assert.Contains(runs.EnumerateArray(), r => r.GetProperty("trigger").GetString() == "schedule" && r.GetProperty("recorded").GetInt32() == 1);
        Assert.Contains((await _world.Sandbox.Control.GetPushStateAsync()).Deliveries, d => d.Mailbox == mailbox && d.Dropped);

        // That poll found a change no notification announced: push is made again, the old registrations deleted at the provider.
        Assert.True(await StoredSync.EventuallyAsync(async () => await RegistrationIdsAsync(mailbox) is { Count: > 0 } now && !now.Overlaps(before), TimeSpan.FromSeconds(30)), "Push was not made again.");
        await PushEndToEndTests.WaitPushActiveAsync(user, linkId);
        Assert.Equal(before.Count, (await RegistrationIdsAsync(mailbox)).Count);
    }

    [Fact]
    public async Task A_duplicated_notification_records_its_message_once()
    {
        const string mailbox = "fi@hauler.example";
        var (user, linkId) = await LinkAsync("microsoft", mailbox);
        await _world.Sandbox.Control.QueuePushFaultAsync(new PushFaultSpec { Mailbox = mailbox, Kind = PushFaultKind.Duplicate, Count = 3 });

        await AddMessageAsync(mailbox, "Said twice");
        Assert.True(await StoredSync.EventuallyAsync(async () => (await PushEndToEndTests.TitlesAsync(user)).Contains("Said twice"), TimeSpan.FromSeconds(30)));
        await _world.WaitAsync();

        var links = await user.GetFromJsonAsync<JsonElement>("/api/me/links");
        Assert.Equal(1, links.EnumerateArray().Single(l => l.GetProperty("linkId").GetString() == linkId).GetProperty("emailsSynced").GetInt64());
        Assert.Contains((await _world.Sandbox.Control.GetPushStateAsync()).Deliveries, d => d.Mailbox == mailbox && d.Duplicate);
    }

    private Task<(HttpClient User, string LinkId)> LinkAsync(string provider, string mailbox) =>
        PushEndToEndTests.LinkWithPushAsync(_world, Tenant, provider, mailbox, $"user-{mailbox}");

    private async Task AddMessageAsync(string mailbox, string subject)
    {
        await _world.Sandbox.Control.AddMessageAsync(mailbox, new ScenarioMessage { Subject = subject, From = "pat@customer.example", To = [mailbox], SentAt = DateTimeOffset.UtcNow.AddMinutes(-1), Body = subject });
    }

    private Task<HashSet<string>> RegistrationIdsAsync(string mailbox) => PushEndToEndTests.RegistrationIdsAsync(_world, mailbox);
}

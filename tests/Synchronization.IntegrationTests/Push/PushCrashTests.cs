using System.Net;
using System.Net.Http.Json;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using Xunit.Abstractions;

namespace NavusoftSync.Synchronization.IntegrationTests.Push;

/// <summary>
/// A host that answered a notification and died before its sync finished loses nothing: the wake-up is the link's trigger
/// in the clustered store, stored before the answer, so the next host fires it (or recovers the run it had started). The
/// poll is an hour away and the provider slow, so nothing but that wake-up can bring the message.
/// </summary>
public sealed class PushCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Tenant = "tenant-push-crash";
    private const string Mailbox = "hal@hauler.example";
    private ProcessWorld _world = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _world = await ProcessWorld.StartAsync(TimeSpan.Zero);
        _database = await _world.CreateDatabaseAsync("pushcrash");
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_notification_answered_by_a_host_that_dies_at_once_is_synced_by_the_next_host()
    {
        var first = await _world.StartHostAsync("first", _database, Settings());
        var admin = first.ClientFor(Tokens.Admin(Tenant));
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/api/accounts/ACC-1", new { name = "Customer Co", contacts = new[] { new { contactId = "c1", name = "Pat", email = "pat@customer.example" } } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/admin/providers/microsoft", new { enabled = true, reviewTicket = "TR-42" })).StatusCode);
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Mailbox, Provider = SandboxProvider.Microsoft });
        var user = first.ClientFor(Tokens.User(Tenant, "user-1"));
        var linkId = await SyncWorld.LinkAsync(first.CreateClient(), user, "microsoft", Mailbox);
        await PushEndToEndTests.WaitPushActiveAsync(user, linkId);
        Assert.True(await StoredSync.EventuallyAsync(async () => await RunsSettledAsync(), TimeSpan.FromSeconds(60)), first.Tail());
        var recordedBefore = await StoredSync.RecordedCountAsync(_database);
        _world.Mark("linked, push active, runs settled");

        _world.Proxy.Latency = TimeSpan.FromSeconds(1);
        await _world.Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage { Subject = "Survives the crash", From = "pat@customer.example", To = [Mailbox], SentAt = DateTimeOffset.UtcNow.AddMinutes(-1) });
        Assert.True(await StoredSync.EventuallyAsync(async () => await AnsweredAsync(), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(20)), first.Tail());
        first.Kill();
        _world.Mark("notification answered, host killed");
        Assert.Equal(recordedBefore, await StoredSync.RecordedCountAsync(_database));

        _world.Proxy.Latency = TimeSpan.Zero;
        var second = await _world.StartHostAsync("second", _database, Settings());
        _world.Mark("second host ready");
        var synced = await StoredSync.EventuallyAsync(async () => await StoredSync.RecordedCountAsync(_database) > recordedBefore, TimeSpan.FromSeconds(90), TimeSpan.FromMilliseconds(250));
        _world.Mark("message recorded");
        output.WriteLine(_world.Timings());
        Assert.True(synced, $"The message the dead host was notified of was never synced.{Environment.NewLine}{second.Tail()}");
    }

    private Dictionary<string, string?> Settings()
    {
        var settings = _world.ProviderSettings("push-crash");
        foreach (var (key, value) in PushWorlds.Settings(HostProcess.OwnBaseUrl, fallbackSeconds: 3600, upkeepSeconds: 3600))
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>The sandbox recorded the host's 2xx to a change notification of the mailbox.</summary>
    private async Task<bool> AnsweredAsync() =>
        (await _world.Sandbox.Control.GetPushStateAsync()).Deliveries.Any(d => d.Mailbox == Mailbox && d.Kind == PushDeliveryKind.Graph && d.Succeeded);

    /// <summary>Every run that started has ended.</summary>
    private async Task<bool> RunsSettledAsync() =>
        await StoredSync.CountAsync(_database, "SELECT count(*) FROM events.mt_events WHERE type = 'synchronization.sync_run_started'")
        == await StoredSync.CountAsync(_database, "SELECT count(*) FROM events.mt_events WHERE type in ('synchronization.sync_run_completed', 'synchronization.sync_run_failed')");
}

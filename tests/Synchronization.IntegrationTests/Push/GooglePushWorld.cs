using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Providers.Google;
using NavusoftSync.Synchronization.Push;
using NavusoftSync.Synchronization.Runs;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using Quartz;

namespace NavusoftSync.Synchronization.IntegrationTests.Push;

/// <summary>
/// A <see cref="SyncWorld"/> with Google push on: the clustered scheduler (a wake-up is a Quartz trigger), the webhook base
/// at the test server, the Pub/Sub settings, the sandbox's notifications delivered into the host (each one's
/// <c>Authorization</c> and body recorded on the way), and the host's push counter and key fetches observed. The push
/// upkeep makes a linked mailbox's watch and channel, as in production.
/// </summary>
internal sealed class GooglePushWorld : IAsyncDisposable
{
    public const string Topic = "projects/navusoft-test/topics/gmail";
    public const string Audience = "https://navusoft.test/api/webhooks/google/gmail";
    public const string ServiceAccount = "gmail-push@navusoft-test.iam.gserviceaccount.com";
    public const string GmailWebhook = NavusoftApp.TestServerBaseUrl + "/api/webhooks/google/gmail";
    public const string CalendarWebhook = NavusoftApp.TestServerBaseUrl + "/api/webhooks/google/calendar";
    public const string Pat = "pat@customer.example";

    private readonly MeterListener _listener = new();

    private GooglePushWorld(SyncWorld world, GoogleRequestCounter certFetches)
    {
        World = world;
        CertFetches = certFetches;
        world.Sandbox.Options.PushHandler = () => new GoogleRecordingHandler(Delivered) { InnerHandler = world.App.Server.CreateHandler() };
        ListenToPushCounter();
    }

    public SyncWorld World { get; }

    public NavusoftApp App => World.App;

    /// <summary>How many times the host fetched Google's signing keys.</summary>
    public GoogleRequestCounter CertFetches { get; }

    /// <summary>Every request the sandbox sent the host: its Authorization header and body.</summary>
    public GoogleDeliveries Delivered { get; } = new();

    /// <summary>The host's push notifications counted so far, by outcome (provider google).</summary>
    public GoogleOutcomeCounts Counted { get; } = new();

    public static async Task<GooglePushWorld> StartAsync(string tenant, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var fetches = new GoogleRequestCounter();
        var all = new Dictionary<string, string?>
        {
            ["Quartz:Enabled"] = "true",
            ["Sync:IntervalSeconds"] = "3600",
            ["Links:WebhookBaseUrl"] = NavusoftApp.TestServerBaseUrl,
            ["Providers:Google:PubSubTopic"] = Topic,
            ["Providers:Google:PubSubAudience"] = Audience,
            ["Providers:Google:PubSubServiceAccount"] = ServiceAccount,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var world = await SyncWorld.StartAsync(tenant, all, services =>
        {
            services.AddHttpClient(PubSubSigningKeys.HttpClientName).AddHttpMessageHandler(() => new GoogleCountingHandler(fetches));
        });
        _ = world.App.Server;
        return new GooglePushWorld(world, fetches);
    }

    /// <summary>A Pub/Sub push subscription on the Gmail topic into the host's webhook (the right audience and account unless told otherwise).</summary>
    public Task AddPushSubscriptionAsync(string? audience = Audience, string serviceAccount = ServiceAccount) =>
        World.Sandbox.Control.AddPubSubSubscriptionAsync(new PubSubPushSubscription { Topic = Topic, PushEndpoint = GmailWebhook, Audience = audience, ServiceAccountEmail = serviceAccount });

    public Task<PushStateSnapshot> PushStateAsync() => World.Sandbox.Control.GetPushStateAsync();

    public async Task<string> RotateKeyAsync() => (await World.Sandbox.Control.RotatePubSubKeyAsync()).Kid;

    /// <summary>
    /// Seeds <paramref name="tenant"/> (account ACC-1 with contact Pat, Google enabled) and links <paramref name="mailbox"/>
    /// there, then waits until the link has settled: its push upkeep made the Gmail watch and the Calendar channel (with their
    /// routes), the run that upkeep asks for finished (it is a push run), the channel's first message was answered, and no
    /// run is due. Push runs after that are the notifications'.
    /// </summary>
    public async Task<string> LinkAsync(string tenant, string userId, string mailbox)
    {
        var admin = App.ClientFor(Tokens.Admin(tenant));
        await admin.PutAsJsonAsync("/api/accounts/ACC-1", new { name = "Customer Co", contacts = new[] { new { contactId = "c1", name = "Pat", email = Pat } } });
        Assert.True((await admin.PutAsJsonAsync("/api/admin/providers/google", new { enabled = true, reviewTicket = "TR-42" })).IsSuccessStatusCode);
        var calendarMessages = Delivered.To("/api/webhooks/google/calendar").Count;
        var linkId = await SyncWorld.LinkAsync(App.CreateClient(), App.ClientFor(Tokens.User(tenant, userId)), "google", mailbox);
        Assert.True(await StoredSync.EventuallyAsync(async () => await IsSettledAsync(tenant, linkId) && Delivered.To("/api/webhooks/google/calendar").Count > calendarMessages, TimeSpan.FromSeconds(45)), "the link settled");
        return linkId;
    }

    private async Task<bool> IsSettledAsync(string tenant, string linkId)
    {
        await using (var query = Store.QuerySession(tenant))
        {
            var live = (await query.Query<PushRegistration>().Where(r => r.LinkId == linkId).ToListAsync()).Where(r => r.IsLive).Select(r => r.Resource);
            if (!live.Order().SequenceEqual([PushResource.GmailMailbox, PushResource.GoogleCalendar]))
            {
                return false;
            }
        }

        var runs = await RunsAsync(tenant, linkId);
        return runs.Any(r => r.Trigger == "push") && runs.All(r => r.Finished) && !await HasWakeupAsync(tenant, linkId);
    }

    /// <summary>The number of finished runs of the link set going by a push notification (or by its push upkeep).</summary>
    public async Task<int> PushRunCountAsync(string tenant, string linkId) =>
        (await RunsAsync(tenant, linkId)).Count(r => r is { Trigger: "push", Finished: true });

    /// <summary>The live Calendar channel of the mailbox at the sandbox (its token in plain: the sandbox shows it as a test aid).</summary>
    public async Task<CalendarChannelInfo> ChannelAsync(string mailbox) =>
        Assert.Single((await PushStateAsync()).CalendarChannels, c => c.Mailbox.Equals(mailbox, StringComparison.OrdinalIgnoreCase));

    /// <summary>A Google mailbox at the sandbox, empty.</summary>
    public Task AddMailboxAsync(string mailbox) =>
        World.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = mailbox, Provider = SandboxProvider.Google });

    /// <summary>The mailbox's access with a token the sandbox issued, as a run would hold it.</summary>
    public async Task<PushTarget> TargetAsync(string tenant, string linkId, string mailbox)
    {
        var token = (await World.Sandbox.Control.IssueTokensAsync(mailbox)).AccessToken;
        var access = new MailboxAccess(linkId, "google", mailbox, _ => ValueTask.FromResult(token), (_, _) => ValueTask.CompletedTask);
        return new PushTarget(access, tenant, NavusoftApp.TestServerBaseUrl);
    }

    public IPushProvider Provider => App.Services.GetServices<IPushProvider>().Single(p => p.Provider == "google");

    public async Task StoreRouteAsync(PushRoute route)
    {
        await using var global = Store.LightweightSession();
        global.Store(route);
        await global.SaveChangesAsync();
    }

    public IDocumentStore Store => App.Services.GetRequiredService<IDocumentStore>();

    /// <summary>The link's runs (<c>GET /api/me/links/{id}/runs</c> of its owner is not needed: the run history, straight from the tenant).</summary>
    public async Task<IReadOnlyList<(string? Trigger, bool Finished)>> RunsAsync(string tenant, string linkId)
    {
        await using var query = Store.QuerySession(tenant);
        var events = await query.Events.FetchStreamAsync(SyncStream.KeyOf(linkId));
        var started = events.Select(e => e.Data).OfType<SyncRunStarted>().ToList();
        var finished = events.Select(e => e.Data).Where(d => d is SyncRunCompleted or SyncRunFailed).Select(d => d is SyncRunCompleted c ? c.RunId : ((SyncRunFailed)d).RunId).ToHashSet();
        return [.. started.Select(s => (s.Trigger?.ToString().ToLowerInvariant(), finished.Contains(s.RunId)))];
    }

    /// <summary>Whether a wake-up of the link is waiting in the scheduler (its job's "now" trigger).</summary>
    public async Task<bool> HasWakeupAsync(string tenant, string linkId)
    {
        var scheduler = await App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        return await scheduler.GetTrigger(new TriggerKey($"{tenant}|{linkId}|now", "sync")) is not null;
    }

    /// <summary>Waits until the link has <paramref name="count"/> finished push runs.</summary>
    public async Task<bool> PushRunFinishedAsync(string tenant, string linkId, int count) =>
        await StoredSync.EventuallyAsync(async () => await PushRunCountAsync(tenant, linkId) >= count, TimeSpan.FromSeconds(45));

    /// <summary>POSTs a Pub/Sub push straight to the host's Gmail webhook.</summary>
    public async Task<HttpStatusCode> PostGmailAsync(string? authorization, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/google/gmail") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return (await App.CreateClient().SendAsync(request)).StatusCode;
    }

    /// <summary>A Pub/Sub push body of a Gmail notification.</summary>
    public static string GmailBody(string emailAddress, ulong historyId) =>
        JsonSerializer.Serialize(new
        {
            message = new { data = Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new { emailAddress, historyId })), messageId = "1", publishTime = "2026-01-01T00:00:00Z" },
            subscription = "projects/navusoft-test/subscriptions/push",
        });

    /// <summary>POSTs a Calendar channel notification straight to the host with the given headers (null values left out).</summary>
    public async Task<HttpStatusCode> PostCalendarAsync(IReadOnlyDictionary<string, string?> headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/google/calendar") { Content = new StringContent(string.Empty) };
        foreach (var (name, value) in headers.Where(h => h.Value is not null))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return (await App.CreateClient().SendAsync(request)).StatusCode;
    }

    private void ListenToPushCounter()
    {
        var meter = App.Services.GetRequiredService<IMeterFactory>().Create(PushMetrics.MeterName);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter) && instrument.Name == "navusoftsync.push.notifications")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Counted.Add(tags, value));
        _listener.Start();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        World.Sandbox.Options.PushHandler = null;
        await World.DisposeAsync();
    }
}

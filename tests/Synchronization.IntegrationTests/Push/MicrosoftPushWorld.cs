using System.Diagnostics.Metrics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Push;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests.Push;

/// <summary>
/// The world of the Graph push tests, shared by their classes: the sandbox, a database and the real host with the clustered
/// scheduler on and its webhook base at the test server, the sandbox's outbound notifications (validation handshakes
/// included) sent into that test server, the tenant seeded for Microsoft. The push upkeep is not part of these tests:
/// they make subscriptions with the host's <see cref="IPushProvider"/> and store what the upkeep would store.
/// </summary>
public sealed class MicrosoftPushWorld : IAsyncLifetime
{
    public const string Tenant = "tenant-graph-push";

    public const string ClientId = "e2e-client";

    private static readonly JsonSerializerOptions ControlJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    internal SyncWorld World { get; private set; } = null!;

    internal NavusoftApp App => World.App;

    internal IDocumentStore Store => App.Services.GetRequiredService<IDocumentStore>();

    internal IPushProvider Provider => App.Services.GetServices<IPushProvider>().Single(p => p.Provider == "microsoft");

    internal string WebhookBase => NavusoftApp.TestServerBaseUrl;

    public async Task InitializeAsync()
    {
        World = await SyncWorld.StartAsync(Tenant, new Dictionary<string, string?>
        {
            ["Quartz:Enabled"] = "true",
            ["Sync:IntervalSeconds"] = "3600",
            ["Links:WebhookBaseUrl"] = NavusoftApp.TestServerBaseUrl,
            ["Sync:MaxAttempts"] = "2",
            ["Sync:RetryBaseDelayMilliseconds"] = "0",
        });
        await World.SeedAsync("microsoft");
        World.Sandbox.Options.PushHandler = () => App.Server.CreateHandler();
    }

    public async Task DisposeAsync() => await World.DisposeAsync();

    /// <summary>A Microsoft mailbox at the sandbox (empty unless given messages).</summary>
    internal Task AddMailboxAsync(string mailbox, params ScenarioMessage[] messages) =>
        World.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = mailbox, Provider = SandboxProvider.Microsoft, Messages = [.. messages] });

    /// <summary>The mailbox's access as a run would hold it: a token the sandbox issued to <paramref name="clientId"/>.</summary>
    internal async Task<PushTarget> TargetAsync(string mailbox, string linkId, string clientId = ClientId, string? webhookBase = null)
    {
        var token = (await World.Sandbox.Control.IssueTokensAsync(mailbox, new IssueTokensRequest { ClientId = clientId })).AccessToken;
        var access = new MailboxAccess(linkId, "microsoft", mailbox, _ => ValueTask.FromResult(token), (_, _) => ValueTask.CompletedTask);
        return new PushTarget(access, Tenant, webhookBase ?? WebhookBase);
    }

    /// <summary>Stores a grant as the upkeep does: the registration (its secret protected by the host) in the tenant, the route outside.</summary>
    internal async Task<PushRegistration> StoreAsync(string tenant, string linkId, PushGrant grant)
    {
        var secret = App.Services.GetRequiredService<PushSecrets>().Protect(grant.Secret!, tenant, linkId);
        var registration = new PushRegistration(grant.Id, linkId, "microsoft", grant.Resource, secret, grant.ResourceId, grant.ExpiresAt, DateTimeOffset.UtcNow);
        await using (var session = Store.LightweightSession(tenant))
        {
            session.Store(registration);
            await session.SaveChangesAsync();
        }

        await using (var routes = Store.LightweightSession())
        {
            routes.Store(PushRoute.For(PushRoute.GraphKey(grant.Id), tenant, linkId));
            await routes.SaveChangesAsync();
        }

        return registration;
    }

    internal async Task<PushRegistration?> RegistrationAsync(string tenant, string id)
    {
        await using var session = Store.QuerySession(tenant);
        return await session.LoadAsync<PushRegistration>(id);
    }

    /// <summary>When the link was last woken by a notification (<see cref="PushWakeups.WakeAsync"/> writes it after the trigger), or null.</summary>
    internal async Task<PushHeartbeat?> HeartbeatAsync(string tenant, string linkId)
    {
        await using var session = Store.QuerySession(tenant);
        return await session.LoadAsync<PushHeartbeat>(linkId);
    }

    /// <summary>The sandbox's push state: live subscriptions and every outbound delivery.</summary>
    internal async Task<PushStateSnapshot> PushStateAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(World.Sandbox.BaseUrl + "/") };
        return (await http.GetFromJsonAsync<PushStateSnapshot>("_sandbox/push/state", ControlJson))!;
    }

    /// <summary>Has the sandbox send a lifecycle notification for the subscription (to its lifecycle URL, with its clientState).</summary>
    internal async Task SendLifecycleAsync(string subscriptionId, GraphLifecycleEvent lifecycleEvent)
    {
        using var http = new HttpClient { BaseAddress = new Uri(World.Sandbox.BaseUrl + "/") };
        var response = await http.PostAsJsonAsync("_sandbox/push/lifecycle", new GraphLifecycleRequest(subscriptionId, lifecycleEvent), ControlJson);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Counts this host's <c>microsoft</c> notification outcomes from now on.</summary>
    internal MicrosoftNotificationCounter CountNotifications() => new(App.Services.GetRequiredService<IMeterFactory>());
}

[CollectionDefinition(Name)]
public sealed class MicrosoftPushCollection : ICollectionFixture<MicrosoftPushWorld>
{
    public const string Name = "Microsoft push";
}

/// <summary>
/// Listens to <c>navusoftsync.push.notifications</c> of one host's meter factory (other hosts in the test run have their
/// own) and sums the <c>microsoft</c> counts by outcome.
/// </summary>
internal sealed class MicrosoftNotificationCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, long> _counts = [];

    public MicrosoftNotificationCounter(IMeterFactory meters)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PushMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == "navusoftsync.push.notifications")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Add(value, tags));
        _listener.Start();
    }

    public long this[NotificationOutcome outcome]
    {
        get
        {
            lock (_counts)
            {
                return _counts.GetValueOrDefault(outcome.ToString());
            }
        }
    }

    public long Total
    {
        get
        {
            lock (_counts)
            {
                return _counts.Values.Sum();
            }
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Add(long value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? provider = null, outcome = null;
        foreach (var (key, tag) in tags)
        {
            provider = key == "provider" ? tag as string : provider;
            outcome = key == "outcome" ? tag as string : outcome;
        }

        if (provider == "microsoft" && outcome is not null)
        {
            lock (_counts)
            {
                _counts[outcome] = _counts.GetValueOrDefault(outcome) + value;
            }
        }
    }
}

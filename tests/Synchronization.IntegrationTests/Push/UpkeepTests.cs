using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using NavusoftSync.BuildingBlocks.Tenancy;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Push;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests.Push;

/// <summary>
/// <see cref="LinkPushUpkeep"/> on real links (linked through the sandbox's OAuth flow, real PostgreSQL, the real host)
/// with <see cref="RecordingPushProvider"/> as the provider: what it makes, renews, remakes, deletes and orphans, and
/// what it stores (registrations with protected secrets, the tenant-free routes, the link's push status).
/// </summary>
[Collection(UpkeepWorld.Collection)]
public sealed class UpkeepTests(UpkeepWorld world)
{
    private static readonly PushResource[] Graph = [PushResource.GraphInbox, PushResource.GraphSent, PushResource.GraphEvents];

    [Fact]
    public async Task The_first_run_makes_one_registration_per_resource_with_protected_secrets_and_routes_and_push_is_active()
    {
        var link = await world.LinkAsync();

        await world.UpkeepAsync(link.Id);

        var provider = world.Provider.Of(link.Id);
        Assert.Equal([.. Graph.Select(r => $"subscribe:{r}"), "sweep:3"], provider.Operations);
        Assert.All(provider.Calls, c => Assert.True(c.HadToken, "every provider call carries the link's token"));
        Assert.All(provider.Calls, c => Assert.Equal(UpkeepWorld.WebhookBase, c.WebhookBase));
        var registrations = await world.RegistrationsAsync(link.Id);
        Assert.Equal(Graph.Order(), registrations.Select(r => r.Resource).Order());
        Assert.Equal(provider.Live.Keys.Order(), registrations.Select(r => r.Id).Order());
        var secrets = world.App.Services.GetRequiredService<PushSecrets>();
        foreach (var registration in registrations)
        {
            var secret = provider.Live[registration.Id];
            Assert.DoesNotContain(secret, registration.ProtectedSecret!, StringComparison.Ordinal);
            Assert.True(secrets.Matches(registration, UpkeepWorld.Tenant, secret));
            Assert.False(secrets.Matches(registration, "another-tenant", secret));
        }

        Assert.Equal(registrations.Select(r => PushRoute.GraphKey(r.Id)).Order(), (await world.RoutesAsync(link.Id)).Select(r => r.Key).Order());
        Assert.All(await world.RoutesAsync(link.Id), r => Assert.Equal(UpkeepWorld.Tenant, r.TenantId));
        var push = await world.LoadAsync<LinkPush>(link.Id);
        Assert.Equal(PushStatus.Active, push!.Status);
        Assert.Equal(registrations.Min(r => r.ExpiresAt), push.ExpiresAt);
    }

    [Fact]
    public async Task An_inactive_link_gets_nothing_made_and_push_stays_off()
    {
        var link = await world.LinkAsync();
        await world.UnlinkAsync(link);

        await world.UpkeepAsync(link.Id);

        Assert.Empty(world.Provider.Of(link.Id).Calls);
        Assert.Empty(await world.RegistrationsAsync(link.Id));
        Assert.Empty(await world.RoutesAsync(link.Id));
        Assert.True(await world.LoadAsync<LinkPush>(link.Id) is null or { Status: PushStatus.Off }); // never set up: nothing is written
    }

    [Fact]
    public async Task Registrations_are_renewed_only_under_24_hours_before_expiry_or_when_the_provider_asked()
    {
        var link = await world.LinkAsync();
        await world.UpkeepAsync(link.Id);
        var provider = world.Provider.Of(link.Id);
        var made = provider.Calls.Count;

        await world.UpkeepAsync(link.Id);
        Assert.Equal(made, provider.Calls.Count);

        var asked = (await world.RegistrationsAsync(link.Id)).First(r => r.Resource == PushResource.GraphSent);
        await world.RequestUpkeepAsync(asked, PushUpkeep.Renew);
        world.Clock.Advance(TimeSpan.FromHours(1));
        await world.UpkeepAsync(link.Id);
        Assert.Equal([$"renew:{asked.Id}"], provider.Operations.Skip(made));
        var renewed = (await world.RegistrationsAsync(link.Id)).Single(r => r.Id == asked.Id);
        Assert.False(renewed.RenewRequested);
        Assert.Equal(world.Clock.GetUtcNow() + RecordingPushProvider.Lifetime, renewed.ExpiresAt);

        // The other two were made 3 days before expiry: 2 days later less than 24 hours remain.
        world.Clock.Advance(RecordingPushProvider.Lifetime - TimeSpan.FromHours(1) - PushOptions.RenewWhenUnder + TimeSpan.FromMinutes(1));
        await world.UpkeepAsync(link.Id);
        var others = (await world.RegistrationsAsync(link.Id)).Where(r => r.Id != asked.Id).Select(r => $"renew:{r.Id}").Order();
        Assert.Equal(others, provider.Operations.Skip(made + 1).Order());
        Assert.Equal(provider.Live.Keys.Order(), (await world.RegistrationsAsync(link.Id)).Select(r => r.Id).Order());
        Assert.Equal(PushStatus.Active, (await world.LoadAsync<LinkPush>(link.Id))!.Status);
    }

    [Fact]
    public async Task A_gone_registration_is_remade_with_the_old_ones_deleted_first_and_the_routes_replaced()
    {
        var link = await world.LinkAsync();
        await world.UpkeepAsync(link.Id);
        var provider = world.Provider.Of(link.Id);
        var before = await world.RegistrationsAsync(link.Id);
        var made = provider.Calls.Count;

        await world.RequestUpkeepAsync(before.First(r => r.Resource == PushResource.GraphEvents), PushUpkeep.Recreate);
        await world.UpkeepAsync(link.Id);

        var after = await world.RegistrationsAsync(link.Id);
        var operations = provider.Operations.Skip(made).ToList();
        Assert.Equal(before.Select(r => $"unsubscribe:{r.Id}").Order(), operations.Take(3).Order());
        Assert.Equal([.. Graph.Select(r => $"subscribe:{r}"), "sweep:3"], operations.Skip(3));
        Assert.Empty(after.Select(r => r.Id).Intersect(before.Select(r => r.Id)));
        Assert.Equal(Graph.Order(), after.Select(r => r.Resource).Order());
        Assert.Equal(after.Select(r => PushRoute.GraphKey(r.Id)).Order(), (await world.RoutesAsync(link.Id)).Select(r => r.Key).Order());
        Assert.Equal(after.Select(r => r.Id).Order(), provider.Live.Keys.Order());
    }

    [Fact]
    public async Task A_renewal_the_provider_answers_gone_makes_that_registration_again()
    {
        var link = await world.LinkAsync();
        await world.UpkeepAsync(link.Id);
        var provider = world.Provider.Of(link.Id);
        var inbox = (await world.RegistrationsAsync(link.Id)).Single(r => r.Resource == PushResource.GraphInbox);
        provider.Live.TryRemove(inbox.Id, out _); // expired at the provider
        await world.RequestUpkeepAsync(inbox, PushUpkeep.Renew);
        var made = provider.Calls.Count;

        await world.UpkeepAsync(link.Id);

        Assert.Equal([$"renew:{inbox.Id}", $"unsubscribe:{inbox.Id}", "subscribe:GraphInbox"], provider.Operations.Skip(made));
        var again = (await world.RegistrationsAsync(link.Id)).Single(r => r.Resource == PushResource.GraphInbox);
        Assert.NotEqual(inbox.Id, again.Id);
        Assert.DoesNotContain(PushRoute.GraphKey(inbox.Id), (await world.RoutesAsync(link.Id)).Select(r => r.Key));
        Assert.Contains(PushRoute.GraphKey(again.Id), (await world.RoutesAsync(link.Id)).Select(r => r.Key));
    }

    [Fact]
    public async Task A_refused_grant_orphans_the_registrations_and_the_next_run_deletes_and_forgets_them()
    {
        var link = await world.LinkAsync();
        await world.UpkeepAsync(link.Id);
        var provider = world.Provider.Of(link.Id);
        var first = await world.RegistrationsAsync(link.Id);
        await world.RequestUpkeepAsync(first[0], PushUpkeep.Renew);

        provider.Failure = () => new ReauthRequiredException("The grant was revoked.");
        await world.UpkeepAsync(link.Id);

        var orphaned = await world.RegistrationsAsync(link.Id);
        Assert.Equal(first.Select(r => r.Id).Order(), orphaned.Select(r => r.Id).Order());
        Assert.All(orphaned, r => Assert.True(r.Orphaned));
        Assert.Empty(await world.RoutesAsync(link.Id));
        Assert.Equal(PushStatus.Off, (await world.LoadAsync<LinkPush>(link.Id))!.Status);

        provider.Failure = null;
        var made = provider.Calls.Count;
        await world.UpkeepAsync(link.Id);

        var operations = provider.Operations.Skip(made).ToList();
        Assert.Equal(first.Select(r => $"unsubscribe:{r.Id}").Order(), operations.Take(3).Order());
        var now = await world.RegistrationsAsync(link.Id);
        Assert.Empty(now.Select(r => r.Id).Intersect(first.Select(r => r.Id)));
        Assert.All(now, r => Assert.True(r.IsLive));
        Assert.Equal(PushStatus.Active, (await world.LoadAsync<LinkPush>(link.Id))!.Status);
    }

    [Fact]
    public async Task An_unreachable_provider_fails_push_with_a_sentence_for_a_person()
    {
        var link = await world.LinkAsync();
        var provider = world.Provider.Of(link.Id);
        provider.Failure = () => new ProviderUnavailableException("503 from the provider");

        await world.UpkeepAsync(link.Id);

        var push = await world.LoadAsync<LinkPush>(link.Id);
        Assert.Equal(PushStatus.Failed, push!.Status);
        Assert.Equal("The provider could not be reached to keep push notifications; the link is polled until it can.", push.LastError);
        Assert.Null(push.ExpiresAt);
        Assert.Empty(await world.RegistrationsAsync(link.Id));
        Assert.Empty(await world.RoutesAsync(link.Id));
    }

    [Fact]
    public async Task Stopping_deletes_every_registration_at_the_provider_and_forgets_it()
    {
        var link = await world.LinkAsync();
        await world.UpkeepAsync(link.Id);
        var provider = world.Provider.Of(link.Id);
        var registrations = await world.RegistrationsAsync(link.Id);
        var made = provider.Calls.Count;

        await world.InScopeAsync(upkeep => upkeep.StopAsync(link.Id, CancellationToken.None));

        Assert.Equal(registrations.Select(r => $"unsubscribe:{r.Id}").Order(), provider.Operations.Skip(made).Order());
        Assert.Empty(provider.Live);
        Assert.Empty(await world.RegistrationsAsync(link.Id));
        Assert.Empty(await world.RoutesAsync(link.Id));
        Assert.Equal(PushStatus.Off, (await world.LoadAsync<LinkPush>(link.Id))!.Status);
    }

    [Fact]
    public async Task Stopping_while_the_provider_fails_leaves_the_registrations_orphaned_without_routes()
    {
        var link = await world.LinkAsync();
        await world.UpkeepAsync(link.Id);
        var provider = world.Provider.Of(link.Id);
        var registrations = await world.RegistrationsAsync(link.Id);
        provider.Failure = () => new ProviderUnavailableException("503 from the provider");

        await world.InScopeAsync(upkeep => upkeep.StopAsync(link.Id, CancellationToken.None));

        var left = await world.RegistrationsAsync(link.Id);
        Assert.Equal(registrations.Select(r => r.Id).Order(), left.Select(r => r.Id).Order());
        Assert.All(left, r => Assert.True(r.Orphaned));
        Assert.Empty(await world.RoutesAsync(link.Id));
        Assert.Equal(PushStatus.Off, (await world.LoadAsync<LinkPush>(link.Id))!.Status);
    }
}

[CollectionDefinition(UpkeepWorld.Collection)]
public sealed class UpkeepCollection : ICollectionFixture<UpkeepWorld>;

/// <summary>
/// The world of the upkeep tests: the provider sandbox (for the real OAuth flow and the real reads), a database of its
/// own and the real host with push on (<c>Links:WebhookBaseUrl</c>), the scheduler off (each test runs the upkeep
/// itself), a fake clock, and <see cref="RecordingPushProvider"/> as the only push provider. Each test links a mailbox
/// of its own.
/// </summary>
public sealed class UpkeepWorld : IAsyncLifetime
{
    public const string Collection = "push upkeep";
    public const string Tenant = "tenant-push-upkeep";
    public const string WebhookBase = "https://push.navusoft.test";

    private SyncWorld _world = null!;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    internal RecordingPushProvider Provider { get; private set; } = null!;

    internal NavusoftApp App => _world.App;

    public async Task InitializeAsync()
    {
        Provider = new RecordingPushProvider(Clock);
        _world = await SyncWorld.StartAsync(Tenant, new Dictionary<string, string?> { ["Links:WebhookBaseUrl"] = WebhookBase }, services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.RemoveAll<IPushProvider>();
            services.AddSingleton<IPushProvider>(Provider);
        });
        await _world.SeedAsync("microsoft");
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    /// <summary>A user's client whose token outlives the clock's advances (the host may judge tokens by the fake clock).</summary>
    public HttpClient UserClient(string userId)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Issue(Tokens.User(Tenant, userId), TimeSpan.FromDays(60)));
        return client;
    }

    /// <summary>A Microsoft mailbox holding one message from contact Pat, linked by a user of its own, known to Synchronization.</summary>
    internal async Task<TestLink> LinkAsync(string? userId = null)
    {
        var mailbox = $"box-{Guid.NewGuid():N}"[..16] + "@hauler.example";
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = SandboxProvider.Microsoft,
            Messages = [new ScenarioMessage { Subject = $"Load {mailbox}", From = "pat@customer.example", To = [mailbox], SentAt = Clock.GetUtcNow().AddDays(-1) }],
        });
        var user = UserClient(userId ?? $"user-{Guid.NewGuid():N}");
        var linkId = await _world.LinkAsync(user, "microsoft", mailbox);
        await _world.WaitAsync();
        return new TestLink(linkId, mailbox, user);
    }

    internal async Task UnlinkAsync(TestLink link)
    {
        Assert.Equal(System.Net.HttpStatusCode.NoContent, (await link.User.DeleteAsync($"/api/me/links/{link.Id}")).StatusCode);
        await _world.WaitAsync();
    }

    internal Task UpkeepAsync(string linkId) => InScopeAsync(upkeep => upkeep.RunAsync(linkId, CancellationToken.None));

    /// <summary>The upkeep in a scope of the tenant, as its Quartz job runs it.</summary>
    internal async Task InScopeAsync(Func<LinkPushUpkeep, Task> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantScope>().Use(Tenant);
        await work(scope.ServiceProvider.GetRequiredService<LinkPushUpkeep>());
    }

    /// <summary>What a lifecycle notification does (the route found as a webhook finds it), without the webhook.</summary>
    internal async Task RequestUpkeepAsync(PushRegistration registration, PushUpkeep upkeep)
    {
        var route = Assert.Single(await App.Services.GetRequiredService<PushRouter>().FindAsync(PushRoute.GraphKey(registration.Id), CancellationToken.None));
        await App.Services.GetRequiredService<PushWakeups>().RequestUpkeepAsync(route, registration, upkeep, CancellationToken.None);
    }

    internal async Task<IReadOnlyList<PushRegistration>> RegistrationsAsync(string linkId)
    {
        await using var session = App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant);
        return await session.Query<PushRegistration>().Where(r => r.LinkId == linkId).ToListAsync();
    }

    /// <summary>The link's routes in the one tenant-free index.</summary>
    internal async Task<IReadOnlyList<PushRoute>> RoutesAsync(string linkId)
    {
        await using var session = App.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<PushRoute>().Where(r => r.LinkId == linkId).ToListAsync();
    }

    internal async Task<T?> LoadAsync<T>(string id, string tenant = Tenant)
        where T : notnull
    {
        await using var session = App.Services.GetRequiredService<IDocumentStore>().QuerySession(tenant);
        return await session.LoadAsync<T>(id);
    }

    internal async Task StoreAsync(params object[] documents)
    {
        await using var session = App.Services.GetRequiredService<IDocumentStore>().LightweightSession(Tenant);
        session.Store(documents);
        await session.SaveChangesAsync();
    }
}

internal sealed record TestLink(string Id, string Mailbox, HttpClient User);

/// <summary>One call the upkeep made: its operation and argument, whether it got the link's token first, and where it pointed.</summary>
internal sealed record ProviderCall(string Operation, string Argument, bool HadToken, string WebhookBase);

/// <summary>
/// A push provider for the upkeep's tests, and the only stand-in of these tests. The real Graph and Google providers are
/// written and tested against the provider sandbox separately; the upkeep's rules (what to make, renew, remake, delete,
/// orphan) are about the calls it makes and what it stores, so this provider keeps its side in memory: per link, every
/// call in order and the registrations it holds live. Like a real one it asks for the link's token before each call
/// (so a call made after the grant is gone cannot succeed), then hangs or throws as the test set in <see cref="LinkSide"/>.
/// </summary>
internal sealed class RecordingPushProvider(TimeProvider clock) : IPushProvider
{
    /// <summary>The lifetime it grants each registration.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(3);

    private readonly ConcurrentDictionary<string, LinkSide> _links = new(StringComparer.Ordinal);

    public string Provider => "microsoft";

    public IReadOnlySet<PushResource> Resources { get; } = new HashSet<PushResource> { PushResource.GraphInbox, PushResource.GraphSent, PushResource.GraphEvents };

    public LinkSide Of(string linkId) => _links.GetOrAdd(linkId, _ => new LinkSide());

    public async Task<PushGrant> SubscribeAsync(PushTarget target, PushResource resource, CancellationToken cancellationToken)
    {
        var side = await EnterAsync(target, "subscribe", resource.ToString(), cancellationToken);
        var id = Guid.NewGuid().ToString();
        var secret = PushSecrets.NewSecret();
        side.Live[id] = secret;
        return new PushGrant(id, resource, secret, null, clock.GetUtcNow() + Lifetime);
    }

    public async Task<DateTimeOffset> RenewAsync(PushTarget target, PushRegistration registration, CancellationToken cancellationToken)
    {
        var side = await EnterAsync(target, "renew", registration.Id, cancellationToken);
        return side.Live.ContainsKey(registration.Id)
            ? clock.GetUtcNow() + Lifetime
            : throw new PushRegistrationGoneException($"No subscription {registration.Id}.");
    }

    public async Task UnsubscribeAsync(PushTarget target, PushRegistration registration, CancellationToken cancellationToken)
    {
        var side = await EnterAsync(target, "unsubscribe", registration.Id, cancellationToken);
        side.Live.TryRemove(registration.Id, out _);
    }

    /// <summary>Records how many of the link's live registrations the upkeep says are in use, and deletes the others.</summary>
    public async Task<int> SweepAsync(PushTarget target, PushIdsInUse inUse, CancellationToken cancellationToken)
    {
        var live = Of(target.Access.LinkId).Live.Keys.ToList();
        var used = await inUse(live, cancellationToken);
        var side = await EnterAsync(target, "sweep", used.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        var strays = live.Where(id => !used.Contains(id)).ToList();
        foreach (var stray in strays)
        {
            side.Live.TryRemove(stray, out _);
        }

        return strays.Count;
    }

    private async Task<LinkSide> EnterAsync(PushTarget target, string operation, string argument, CancellationToken cancellationToken)
    {
        var side = Of(target.Access.LinkId);
        string? token = null;
        try
        {
            token = await target.Access.GetAccessTokenAsync(cancellationToken);
        }
        finally
        {
            side.Calls.Enqueue(new ProviderCall(operation, argument, !string.IsNullOrEmpty(token), target.WebhookBase));
        }

        if (side.Hangs)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken); // a provider that never answers: only the caller's deadline ends the call
        }

        return side.Failure?.Invoke() is { } failure ? throw failure : side;
    }
}

/// <summary>The provider's side of one link: the calls made for it, its live registrations (id → secret) and the failure its calls throw.</summary>
internal sealed class LinkSide
{
    public ConcurrentQueue<ProviderCall> Calls { get; } = new();

    public ConcurrentDictionary<string, string> Live { get; } = new(StringComparer.Ordinal);

    public Func<Exception>? Failure { get; set; }

    /// <summary>Its calls never answer (until cancelled).</summary>
    public bool Hangs { get; set; }

    public IReadOnlyList<string> Operations => [.. Calls.Select(c => $"{c.Operation}:{c.Argument}")];
}

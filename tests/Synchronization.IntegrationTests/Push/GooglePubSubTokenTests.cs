using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Providers.Google;
using NavusoftSync.Synchronization.Push;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests.Push;

/// <summary>
/// The Pub/Sub token check and its key cache on a clock the test moves (the host's own clock drives its scheduler, so it is
/// left alone): a genuine sandbox-signed token against the sandbox's JWKS, fetched through the host's HTTP client.
/// </summary>
public sealed class GooglePubSubTokenTests : IAsyncLifetime
{
    private const string Mailbox = "ari@hauler.example";
    private readonly GoogleShiftedClock _clock = new();
    private GooglePushWorld _world = null!;
    private string _genuine = null!;

    /// <summary>A genuine push: a Gmail watch, a push subscription, a new message; nothing routes it, so it is only recorded.</summary>
    public async Task InitializeAsync()
    {
        _world = await GooglePushWorld.StartAsync("tenant-google-tokens");
        await _world.AddMailboxAsync(Mailbox);
        await _world.Provider.SubscribeAsync(await _world.TargetAsync("tenant-google-tokens", "link-1", Mailbox), PushResource.GmailMailbox, CancellationToken.None);
        await _world.AddPushSubscriptionAsync();
        await _world.World.Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage { Subject = "Hello", From = GooglePushWorld.Pat, To = [Mailbox], SentAt = DateTimeOffset.UtcNow });
        Assert.True(await StoredSync.EventuallyAsync(() => Task.FromResult(_world.Delivered.To("/api/webhooks/google/gmail").Count >= 1), TimeSpan.FromSeconds(20)));
        _genuine = _world.Delivered.To("/api/webhooks/google/gmail")[0].Authorization!;
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_genuine_token_is_valid_for_its_hour_and_the_skew_and_refused_after()
    {
        using var keys = Keys(_world.World.Sandbox.Urls.PubSubCertsUrl);
        var verifier = new PubSubTokenVerifier(keys, Options(_world.World.Sandbox.Urls.PubSubCertsUrl), _clock, NullLogger<PubSubTokenVerifier>.Instance);

        Assert.Equal(PubSubTokenCheck.Valid, await verifier.CheckAsync(_genuine, CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(PubSubTokenCheck.Valid, await verifier.CheckAsync(_genuine, CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(PubSubTokenCheck.Invalid, await verifier.CheckAsync(_genuine, CancellationToken.None));

        var otherAudience = new PubSubTokenVerifier(keys, Options(_world.World.Sandbox.Urls.PubSubCertsUrl, audience: "https://navusoft.test/other"), new GoogleShiftedClock(), NullLogger<PubSubTokenVerifier>.Instance);
        Assert.Equal(PubSubTokenCheck.Invalid, await otherAudience.CheckAsync(_genuine, CancellationToken.None));
        var noAccount = new PubSubTokenVerifier(keys, Options(_world.World.Sandbox.Urls.PubSubCertsUrl, serviceAccount: null), new GoogleShiftedClock(), NullLogger<PubSubTokenVerifier>.Instance);
        Assert.Equal(PubSubTokenCheck.Invalid, await noAccount.CheckAsync(_genuine, CancellationToken.None));
    }

    [Fact]
    public async Task Keys_that_cannot_be_fetched_leave_a_well_formed_token_unchecked_and_are_tried_at_most_once_a_minute()
    {
        const string unreachable = "http://127.0.0.1:9/oauth2/v3/certs";
        using var keys = Keys(unreachable);
        var verifier = new PubSubTokenVerifier(keys, Options(unreachable), _clock, NullLogger<PubSubTokenVerifier>.Instance);
        var fetches = _world.CertFetches.Count;

        Assert.Equal(PubSubTokenCheck.KeysUnavailable, await verifier.CheckAsync(_genuine, CancellationToken.None));
        Assert.Equal(PubSubTokenCheck.KeysUnavailable, await verifier.CheckAsync(_genuine, CancellationToken.None));
        Assert.Equal(PubSubTokenCheck.Invalid, await verifier.CheckAsync("Bearer not.a.token", CancellationToken.None));
        Assert.Equal(fetches + 1, _world.CertFetches.Count);

        _clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(PubSubTokenCheck.KeysUnavailable, await verifier.CheckAsync(_genuine, CancellationToken.None));
        Assert.Equal(fetches + 2, _world.CertFetches.Count);
    }

    [Fact]
    public async Task Unknown_key_ids_fetch_at_most_once_a_minute_and_the_keys_are_fetched_again_after_an_hour()
    {
        using var keys = Keys(_world.World.Sandbox.Urls.PubSubCertsUrl);
        var kid = GoogleForgedTokens.KidOf(_genuine["Bearer ".Length..]);
        var fetches = _world.CertFetches.Count;
        async Task<int> FetchesAfterAsync(string keyId)
        {
            Assert.NotNull(await keys.GetAsync(keyId, CancellationToken.None));
            return _world.CertFetches.Count - fetches;
        }

        Assert.Equal(1, await FetchesAfterAsync(kid));
        Assert.Equal(1, await FetchesAfterAsync(kid));
        Assert.Equal(2, await FetchesAfterAsync("unknown-1"));
        Assert.Equal(2, await FetchesAfterAsync("unknown-2"));
        _clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(3, await FetchesAfterAsync("unknown-2"));
        Assert.Equal(3, await FetchesAfterAsync("unknown-3"));
        Assert.Equal(3, await FetchesAfterAsync(kid));
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(4, await FetchesAfterAsync(kid));
    }

    private PubSubSigningKeys Keys(string certsUrl) =>
        new(_world.App.Services.GetRequiredService<IHttpClientFactory>(), Options(certsUrl), _clock, NullLogger<PubSubSigningKeys>.Instance);

    private static IOptions<PushOptions> Options(string certsUrl, string audience = GooglePushWorld.Audience, string? serviceAccount = GooglePushWorld.ServiceAccount) =>
        Microsoft.Extensions.Options.Options.Create(new PushOptions
        {
            PubSubCertsUrl = certsUrl,
            PubSubAudience = audience,
            PubSubServiceAccount = serviceAccount,
        });
}

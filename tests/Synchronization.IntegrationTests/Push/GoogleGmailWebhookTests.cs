using System.Net;
using System.Net.Http.Json;
using Marten;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Push;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests.Push;

/// <summary>
/// Gmail push end to end: a message added at the sandbox is published by its Gmail watch, pushed by its Pub/Sub subscription
/// with a sandbox-signed OIDC token into the host's webhook, and wakes the link's sync; tokens Google did not sign for our
/// audience and service account wake nothing.
/// </summary>
public sealed class GoogleGmailWebhookTests : IAsyncLifetime
{
    private const string Tenant = "tenant-google-gmail";
    private const string Mailbox = "sam@hauler.example";
    private GooglePushWorld _world = null!;

    public async Task InitializeAsync() => _world = await GooglePushWorld.StartAsync(Tenant);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_signed_push_wakes_the_link_and_the_new_mail_is_recorded_while_a_replay_of_it_is_stale()
    {
        var (linkId, pushRuns) = await LinkAsync(Tenant, Mailbox);
        await _world.AddPushSubscriptionAsync();

        await AddMailAsync(Mailbox, "Pushed invoice");

        Assert.True(await _world.PushRunFinishedAsync(Tenant, linkId, pushRuns + 1), "a run set going by the push finished");
        Assert.True(await ThreadExistsAsync(Tenant, "Pushed invoice"));
        Assert.True(await StoredSync.EventuallyAsync(() => OnUsersCalendarAsync(Tenant, "user-1", "Pushed invoice"), TimeSpan.FromSeconds(30)), "the mail is on the user's calendar");
        var delivery = Assert.Single(_world.Delivered.To("/api/webhooks/google/gmail"));
        Assert.Equal(204, delivery.Status);
        Assert.Equal(1, _world.Counted.Since("Accepted"));

        // The same message again (Pub/Sub delivers at least once): the link's cursor is past its historyId.
        Assert.Equal(HttpStatusCode.NoContent, await _world.PostGmailAsync(delivery.Authorization, delivery.Body));
        Assert.Equal(1, _world.Counted.Since("Stale"));
        Assert.False(await _world.HasWakeupAsync(Tenant, linkId));

        // Verified, but unreadable or for an address nobody linked: acknowledged, counted, nothing woken.
        Assert.Equal(HttpStatusCode.NoContent, await _world.PostGmailAsync(delivery.Authorization, "{\"message\":{\"data\":\"not base64!\"}}"));
        Assert.Equal(HttpStatusCode.NoContent, await _world.PostGmailAsync(delivery.Authorization, "[1,2"));
        Assert.Equal(HttpStatusCode.NoContent, await _world.PostGmailAsync(delivery.Authorization, GooglePushWorld.GmailBody(Mailbox, 999_999_999).Replace("\"subscription\"", "\"padding\":\"" + new string('x', 70_000) + "\",\"subscription\"", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.NoContent, await _world.PostGmailAsync(delivery.Authorization, GooglePushWorld.GmailBody(Mailbox, 0)));
        Assert.Equal(HttpStatusCode.NoContent, await _world.PostGmailAsync(delivery.Authorization, GooglePushWorld.GmailBody("nobody@hauler.example", 999_999_999)));
        Assert.Equal((4, 1), (_world.Counted.Since("Malformed"), _world.Counted.Since("UnknownId")));
        Assert.False(await _world.HasWakeupAsync(Tenant, linkId));
        Assert.Equal(pushRuns + 1, await _world.PushRunCountAsync(Tenant, linkId));
    }

    [Fact]
    public async Task Tokens_not_signed_by_google_for_our_audience_and_account_are_refused_and_wake_nothing()
    {
        var (linkId, pushRuns) = await LinkAsync(Tenant, Mailbox);
        var body = GooglePushWorld.GmailBody(Mailbox, 999_999_999);
        var claims = GoogleForgedTokens.Claims(GooglePushWorld.Audience, GooglePushWorld.ServiceAccount, DateTimeOffset.UtcNow);
        var sandboxKid = await SandboxKidAsync();
        string?[] forged =
        [
            null,
            "Bearer",
            "Bearer garbage",
            "Basic dXNlcjpwYXNz",
            "Bearer " + GoogleForgedTokens.Unsigned(claims),
            "Bearer " + GoogleForgedTokens.SignedWithOwnKey(claims, sandboxKid),
            "Bearer " + GoogleForgedTokens.SignedWithOwnKey(claims, "made-up-kid"),
            "Bearer " + new string('a', 20_000),
        ];
        foreach (var authorization in forged)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await _world.PostGmailAsync(authorization, body));
        }

        // Signed by the sandbox's Google key, but for another audience, and as another service account.
        await _world.AddPushSubscriptionAsync(audience: "https://elsewhere.example/push");
        await _world.AddPushSubscriptionAsync(serviceAccount: "someone-else@other-project.iam.gserviceaccount.com");
        await AddMailAsync(Mailbox, "Forged wake-up");
        Assert.True(await StoredSync.EventuallyAsync(() => Task.FromResult(_world.Delivered.To("/api/webhooks/google/gmail").Count >= 2), TimeSpan.FromSeconds(20)));

        // The sandbox retries a refused push; each attempt is counted before it is answered, so before it is recorded here.
        var refused = _world.Delivered.To("/api/webhooks/google/gmail");
        Assert.All(refused, d => Assert.Equal(401, d.Status));
        Assert.True(_world.Counted.Since("BadSecret") >= forged.Length + refused.Count, $"{_world.Counted.Since("BadSecret")} refusals counted");
        Assert.Equal(0, _world.Counted.Since("Accepted"));
        Assert.False(await _world.HasWakeupAsync(Tenant, linkId));
        Assert.Equal(pushRuns, await _world.PushRunCountAsync(Tenant, linkId));
    }

    [Fact]
    public async Task A_rotated_key_is_fetched_for_the_next_push_and_made_up_key_ids_then_fetch_nothing()
    {
        var (linkId, pushRuns) = await LinkAsync(Tenant, Mailbox);
        await _world.AddPushSubscriptionAsync();
        await AddMailAsync(Mailbox, "Before rotation");
        Assert.True(await _world.PushRunFinishedAsync(Tenant, linkId, pushRuns + 1));
        Assert.Equal(1, _world.CertFetches.Count);

        var rotated = await _world.RotateKeyAsync();
        await AddMailAsync(Mailbox, "After rotation");

        Assert.True(await _world.PushRunFinishedAsync(Tenant, linkId, pushRuns + 2), "the push signed with the new key woke the link");
        Assert.True(await ThreadExistsAsync(Tenant, "After rotation"));
        var last = _world.Delivered.To("/api/webhooks/google/gmail")[^1];
        Assert.Equal((rotated, 204), (GoogleForgedTokens.KidOf(last.Authorization!["Bearer ".Length..]), last.Status));
        Assert.Equal(2, _world.CertFetches.Count);

        // Within a minute of that fetch, key ids nobody published fetch nothing.
        var claims = GoogleForgedTokens.Claims(GooglePushWorld.Audience, GooglePushWorld.ServiceAccount, DateTimeOffset.UtcNow);
        var body = GooglePushWorld.GmailBody(Mailbox, 999_999_999);
        foreach (var kid in new[] { "made-up-1", "made-up-2", "made-up-3" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await _world.PostGmailAsync("Bearer " + GoogleForgedTokens.SignedWithOwnKey(claims, kid), body));
        }

        Assert.Equal(2, _world.CertFetches.Count);
        Assert.False(await _world.HasWakeupAsync(Tenant, linkId));
    }

    [Fact]
    public async Task The_same_address_linked_in_two_tenants_wakes_both_and_a_route_naming_another_tenants_link_wakes_nothing()
    {
        const string other = "tenant-google-gmail-b";
        var (linkA, pushRunsA) = await LinkAsync(Tenant, Mailbox);
        var (linkB, pushRunsB) = await LinkAsync(other, Mailbox, userId: "user-b", addMailbox: false);
        await _world.AddPushSubscriptionAsync();

        await AddMailAsync(Mailbox, "Both tenants");
        Assert.True(await _world.PushRunFinishedAsync(Tenant, linkA, pushRunsA + 1));
        Assert.True(await _world.PushRunFinishedAsync(other, linkB, pushRunsB + 1));
        Assert.True(await ThreadExistsAsync(Tenant, "Both tenants") && await ThreadExistsAsync(other, "Both tenants"));

        // Tenant B's route goes; a route claiming B's link for tenant A takes its place. It reads nothing and wakes nothing of B.
        await using (var session = _world.Store.LightweightSession())
        {
            session.Delete(PushRoute.For(PushRoute.GmailKey(Mailbox), other, linkB));
            await session.SaveChangesAsync();
        }

        var rogue = PushRoute.For(PushRoute.GmailKey(Mailbox), Tenant, linkB);
        await _world.StoreRouteAsync(rogue);
        var router = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<PushRouter>(_world.App.Services);
        Assert.Empty(await router.RegistrationsAsync(rogue, CancellationToken.None));
        Assert.Null(await router.VerifyAsync(rogue, $"gmail:{linkB}", null, CancellationToken.None));

        await AddMailAsync(Mailbox, "Only tenant A");
        Assert.True(await StoredSync.EventuallyAsync(() => Task.FromResult(_world.Delivered.To("/api/webhooks/google/gmail").Count >= 2), TimeSpan.FromSeconds(20)));
        Assert.True(await _world.PushRunFinishedAsync(Tenant, linkA, pushRunsA + 2));
        Assert.Equal(1, _world.Counted.Since("UnknownId"));
        Assert.False(await _world.HasWakeupAsync(other, linkB));
        Assert.Equal(pushRunsB + 1, await _world.PushRunCountAsync(other, linkB));
        Assert.False(await ThreadExistsAsync(other, "Only tenant A"));
    }

    /// <summary>The mailbox linked (its watch and channel made by the push upkeep), the link's push runs so far, and the counter marked.</summary>
    private async Task<(string LinkId, int PushRuns)> LinkAsync(string tenant, string mailbox, string userId = "user-1", bool addMailbox = true)
    {
        if (addMailbox)
        {
            await _world.AddMailboxAsync(mailbox);
        }

        var linkId = await _world.LinkAsync(tenant, userId, mailbox);
        _world.Counted.Mark();
        return (linkId, await _world.PushRunCountAsync(tenant, linkId));
    }

    private Task AddMailAsync(string mailbox, string subject) =>
        _world.World.Sandbox.Control.AddMessageAsync(mailbox, new ScenarioMessage { Subject = subject, From = GooglePushWorld.Pat, To = [mailbox], SentAt = DateTimeOffset.UtcNow });

    private async Task<bool> ThreadExistsAsync(string tenant, string subject)
    {
        await using var query = _world.Store.QuerySession(tenant);
        return await query.Query<EmailThread>().AnyAsync(t => t.Subject == subject);
    }

    /// <summary>Whether <c>GET /api/me/calendar</c> shows the user an item with this title around today.</summary>
    private async Task<bool> OnUsersCalendarAsync(string tenant, string userId, string title)
    {
        var today = DateTime.UtcNow.Date;
        var range = await _world.App.ClientFor(Testing.Tokens.User(tenant, userId))
            .GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/me/calendar?from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}&tz=UTC");
        return range.GetProperty("days").EnumerateArray().SelectMany(d => d.GetProperty("items").EnumerateArray()).Any(i => i.GetProperty("title").GetString() == title);
    }

    private async Task<string> SandboxKidAsync()
    {
        using var http = new HttpClient();
        var jwks = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(_world.World.Sandbox.Urls.PubSubCertsUrl));
        return jwks.RootElement.GetProperty("keys")[0].GetProperty("kid").GetString()!;
    }
}

using System.Net;
using System.Net.Http.Json;
using NavusoftSync.Linking.Contracts;
using NavusoftSync.Linking.Credentials;
using NavusoftSync.Linking.IntegrationTests.Infrastructure;
using NavusoftSync.Linking.Links;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Linking.IntegrationTests;

/// <summary>Access tokens live three minutes here, so moving the clock one minute brings them within the two-minute refresh window.</summary>
public sealed class ShortTokenHost : LinkingHost
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);

    /// <summary>How far to move the clock for a token to be due for refresh (within two minutes of expiry) but not yet expired.</summary>
    public static readonly TimeSpan IntoRefreshWindow = Lifetime - LinkCredentialService.RefreshSkew + TimeSpan.FromSeconds(1);

    protected override TimeSpan AccessTokenLifetime => Lifetime;
}

/// <summary>The credential service other modules call (<see cref="GetAccessToken"/>), against the sandbox's token endpoints.</summary>
public sealed class CredentialTests(ShortTokenHost host) : IClassFixture<ShortTokenHost>
{
    private async Task<(string LinkId, string Mailbox, HttpClient User)> LinkedAsync(SandboxProvider provider)
    {
        var mailbox = await host.AddMailboxAsync(provider);
        var user = host.UserClient(LinkingHost.NewUser());
        var linked = await host.LinkAsync(user, provider == SandboxProvider.Google ? "google" : "microsoft", mailbox);
        return (linked.Str("linkId"), mailbox, user);
    }

    [Fact]
    public async Task A_valid_token_is_handed_out_without_calling_the_provider()
    {
        var (linkId, mailbox, _) = await LinkedAsync(SandboxProvider.Microsoft);

        var first = await host.AccessTokenAsync(linkId);
        var second = await host.AccessTokenAsync(linkId);

        Assert.Equal(AccessTokenOutcome.Granted, first.Outcome);
        Assert.Equal(first.AccessToken, second.AccessToken);
        Assert.Equal(mailbox, first.ExternalAccount);
        Assert.True(first.ExpiresAt > host.Clock.GetUtcNow() + LinkCredentialService.RefreshSkew);
        Assert.Equal(1, await host.TokenCallsAsync(mailbox)); // the code redemption only
        var me = await GraphMeAsync(first.AccessToken!);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
    }

    [Fact]
    public async Task A_token_expiring_within_two_minutes_is_refreshed_and_microsofts_rotated_refresh_token_is_kept()
    {
        var (linkId, mailbox, _) = await LinkedAsync(SandboxProvider.Microsoft);
        var before = await host.AccessTokenAsync(linkId);

        host.Clock.Advance(ShortTokenHost.IntoRefreshWindow);
        var refreshed = await host.AccessTokenAsync(linkId);

        Assert.Equal(AccessTokenOutcome.Granted, refreshed.Outcome);
        Assert.NotEqual(before.AccessToken, refreshed.AccessToken);
        Assert.Equal(host.Clock.GetUtcNow() + ShortTokenHost.Lifetime, refreshed.ExpiresAt);
        Assert.Equal(2, await host.TokenCallsAsync(mailbox));
        Assert.Equal(HttpStatusCode.OK, (await GraphMeAsync(refreshed.AccessToken!)).StatusCode);

        // The sandbox, like Microsoft, killed the refresh token it was given: a second refresh only
        // works because the new one from the first refresh was stored.
        host.Clock.Advance(ShortTokenHost.IntoRefreshWindow);
        var again = await host.AccessTokenAsync(linkId);
        Assert.Equal(AccessTokenOutcome.Granted, again.Outcome);
        Assert.NotEqual(refreshed.AccessToken, again.AccessToken);
        Assert.Equal(3, await host.TokenCallsAsync(mailbox));
        Assert.Equal(LinkState.Active, (await host.LoadAsync<Link>(linkId))!.State);
    }

    [Fact]
    public async Task Google_refreshes_keep_the_one_refresh_token()
    {
        var (linkId, mailbox, _) = await LinkedAsync(SandboxProvider.Google);

        host.Clock.Advance(ShortTokenHost.IntoRefreshWindow);
        var first = await host.AccessTokenAsync(linkId);
        host.Clock.Advance(ShortTokenHost.IntoRefreshWindow);
        var second = await host.AccessTokenAsync(linkId);

        Assert.Equal((AccessTokenOutcome.Granted, AccessTokenOutcome.Granted), (first.Outcome, second.Outcome));
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.Equal(3, await host.TokenCallsAsync(mailbox));
        var profile = await host.Browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, host.Sandbox.GmailBaseUrl + "/users/me/profile")
        {
            Headers = { Authorization = new("Bearer", second.AccessToken) },
        });
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
    }

    [Fact]
    public async Task Concurrent_callers_cause_one_refresh()
    {
        var (linkId, mailbox, _) = await LinkedAsync(SandboxProvider.Microsoft);
        host.Clock.Advance(ShortTokenHost.IntoRefreshWindow);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => host.AccessTokenAsync(linkId)));

        Assert.All(results, r => Assert.Equal(AccessTokenOutcome.Granted, r.Outcome));
        Assert.Single(results.Select(r => r.AccessToken).Distinct());
        Assert.Equal(2, await host.TokenCallsAsync(mailbox));
    }

    [Fact]
    public async Task A_token_the_provider_rejected_is_refreshed_once_for_all_who_saw_it_rejected()
    {
        var (linkId, mailbox, _) = await LinkedAsync(SandboxProvider.Microsoft);
        var current = (await host.AccessTokenAsync(linkId)).AccessToken!;
        await host.Sandbox.Control.ExpireAccessTokensAsync(mailbox);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GraphMeAsync(current)).StatusCode);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => host.AccessTokenAsync(linkId, rejected: current)));

        Assert.Single(results.Select(r => r.AccessToken).Distinct());
        Assert.NotEqual(current, results[0].AccessToken);
        Assert.Equal(2, await host.TokenCallsAsync(mailbox));
        Assert.Equal(HttpStatusCode.OK, (await GraphMeAsync(results[0].AccessToken!)).StatusCode);
    }

    [Theory]
    [InlineData(SandboxProvider.Microsoft)]
    [InlineData(SandboxProvider.Google)]
    public async Task Invalid_grant_marks_the_link_reauth_required_and_tells_callers_to_stop(SandboxProvider provider)
    {
        var (linkId, mailbox, user) = await LinkedAsync(provider);
        await host.Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = mailbox, Kind = FaultKind.InvalidGrant });
        host.Clock.Advance(ShortTokenHost.IntoRefreshWindow);

        var result = await host.AccessTokenAsync(linkId);

        Assert.Equal(AccessTokenOutcome.ReauthRequired, result.Outcome);
        Assert.Null(result.AccessToken);
        var providerName = provider == SandboxProvider.Google ? "Google Workspace / Gmail" : "Microsoft 365 / Outlook";
        Assert.Equal(
            $"{providerName} no longer accepts the sign-in stored for {mailbox} (it was revoked, expired or changed). Link the account again from your profile to resume syncing.",
            result.Reason);
        Assert.DoesNotContain("invalid_grant", result.Reason, StringComparison.OrdinalIgnoreCase); // the provider's code stays in the log
        Assert.Null(await host.LoadAsync<LinkCredentials>(linkId));
        Assert.IsType<ReauthRequired>((await host.EventsAsync(linkId))[^1]);
        Assert.Equal("ReauthRequired", Assert.Single((await (await user.GetAsync("/api/me/links")).OkJsonAsync()).EnumerateArray()).Str("status"));
        await host.WaitForPublishedEventsAsync();
        Assert.Single(host.Received.Of<LinkReauthRequired>(linkId));

        // Callers stop here: no further token calls, and a manual sync is refused with what to do.
        Assert.Equal(AccessTokenOutcome.ReauthRequired, (await host.AccessTokenAsync(linkId)).Outcome);
        Assert.Equal(2, await host.TokenCallsAsync(mailbox));
        var conflict = await (await user.PostAsync($"/api/me/links/{linkId}/sync", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("linked again", conflict.Str("detail"), StringComparison.Ordinal);

        // Linking again revives the same link.
        Assert.Equal(linkId, (await host.LinkAsync(user, provider == SandboxProvider.Google ? "google" : "microsoft", mailbox)).Str("linkId"));
        Assert.Equal(AccessTokenOutcome.Granted, (await host.AccessTokenAsync(linkId)).Outcome);
    }

    [Fact]
    public async Task A_provider_outage_is_unavailable_and_changes_nothing()
    {
        var (linkId, mailbox, _) = await LinkedAsync(SandboxProvider.Microsoft);
        await host.Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = mailbox, Kind = FaultKind.ServiceUnavailable, PathPrefix = "/common/oauth2/v2.0/token" });
        host.Clock.Advance(ShortTokenHost.IntoRefreshWindow);

        var result = await host.AccessTokenAsync(linkId);

        Assert.Equal(AccessTokenOutcome.Unavailable, result.Outcome);
        Assert.Equal(LinkState.Active, (await host.LoadAsync<Link>(linkId))!.State);
        Assert.NotNull(await host.LoadAsync<LinkCredentials>(linkId));
        Assert.Equal(AccessTokenOutcome.Granted, (await host.AccessTokenAsync(linkId)).Outcome); // the outage is over
    }

    [Fact]
    public async Task Unlinking_deletes_the_credentials_and_stops_the_link()
    {
        var (linkId, _, user) = await LinkedAsync(SandboxProvider.Google);
        Assert.NotNull(await host.LoadAsync<LinkCredentials>(linkId));

        Assert.Equal(HttpStatusCode.NoContent, (await user.DeleteAsync($"/api/me/links/{linkId}")).StatusCode);

        Assert.Null(await host.LoadAsync<LinkCredentials>(linkId));
        Assert.Equal(AccessTokenOutcome.Unlinked, (await host.AccessTokenAsync(linkId)).Outcome);
        Assert.Equal("Unlinked", Assert.Single((await (await user.GetAsync("/api/me/links")).OkJsonAsync()).EnumerateArray()).Str("status"));
        await host.WaitForPublishedEventsAsync();
        Assert.Single(host.Received.Of<LinkUnlinked>(linkId));

        Assert.Equal(HttpStatusCode.NoContent, (await user.DeleteAsync($"/api/me/links/{linkId}")).StatusCode); // idempotent
        Assert.IsType<Unlinked>(Assert.Single((await host.EventsAsync(linkId)).OfType<Unlinked>()));
    }

    [Fact]
    public async Task Two_hosts_refreshing_one_link_at_once_call_the_provider_once()
    {
        var (linkId, mailbox, _) = await LinkedAsync(SandboxProvider.Microsoft);
        var second = host.StartHost(new Dictionary<string, string?> { ["Marten:DaemonMode"] = "Disabled" });
        Assert.Equal(AccessTokenOutcome.Granted, (await host.AccessTokenAsync(linkId, host: second)).Outcome); // the other instance reads our credentials
        host.Clock.Advance(ShortTokenHost.IntoRefreshWindow);

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => host.AccessTokenAsync(linkId, host: i % 2 == 0 ? host.App : second)));

        Assert.All(results, r => Assert.Equal(AccessTokenOutcome.Granted, r.Outcome));
        Assert.Single(results.Select(r => r.AccessToken).Distinct());
        Assert.Equal(2, await host.TokenCallsAsync(mailbox));
    }

    private async Task<HttpResponseMessage> GraphMeAsync(string accessToken) =>
        await host.Browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, host.Sandbox.GraphBaseUrl + "/me") { Headers = { Authorization = new("Bearer", accessToken) } });
}

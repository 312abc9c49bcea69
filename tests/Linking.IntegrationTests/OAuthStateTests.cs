using System.Net;
using System.Security.Cryptography;
using System.Text;
using NavusoftSync.Linking.IntegrationTests.Infrastructure;
using NavusoftSync.Linking.Links.Starting;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using Npgsql;

namespace NavusoftSync.Linking.IntegrationTests;

public sealed class StateHost : LinkingHost;

/// <summary>
/// The callback's state and PKCE checks: a state is single-use, expires after ten minutes, belongs
/// to one user of one tenant and one provider; the code is redeemed with the verifier of its own
/// request. A refused callback links nothing and, where the state is the problem, never reaches the provider.
/// </summary>
public sealed class OAuthStateTests(StateHost host) : IClassFixture<StateHost>
{
    private async Task<(HttpClient User, string Mailbox, string Callback)> ConsentedAsync(SandboxProvider provider = SandboxProvider.Microsoft)
    {
        var mailbox = await host.AddMailboxAsync(provider);
        var user = host.UserClient(LinkingHost.NewUser());
        var started = await host.StartLinkAsync(user, provider == SandboxProvider.Google ? "google" : "microsoft", mailbox);
        Assert.StartsWith("http://localhost/api/links/callback/", LinkingHost.QueryOf(started.Str("authorizationUrl"))["redirect_uri"], StringComparison.Ordinal);
        return (user, mailbox, await host.ConsentAsync(started.Str("authorizationUrl")));
    }

    private static async Task AssertNothingLinkedAsync(HttpClient user) =>
        Assert.Empty((await (await user.GetAsync("/api/me/links")).OkJsonAsync()).EnumerateArray());

    [Fact]
    public async Task A_state_is_single_use()
    {
        var (user, mailbox, callback) = await ConsentedAsync();
        var linkId = (await (await user.GetAsync(callback)).OkJsonAsync()).Str("linkId");

        var again = await (await user.GetAsync(callback)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("already used", again.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(1, await host.TokenCallsAsync(mailbox));
        Assert.Single(await host.EventsAsync(linkId));
        Assert.Single((await (await user.GetAsync("/api/me/links")).OkJsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task Two_callbacks_racing_with_one_state_link_once()
    {
        var (user, mailbox, callback) = await ConsentedAsync();
        var state = LinkingHost.QueryOf("http://x" + callback)["state"];

        // Hold the pending authorization's row: every callback loads it (a plain read is not blocked)
        // and sees it unused, then blocks on its write. Only once all four wait on this lock, seen in
        // PostgreSQL's own lock graph, is it released: the race is forced, and only the concurrency
        // check can stop the losers.
        Task<HttpResponseMessage>[] racing;
        await using (var connection = new NpgsqlConnection(host.ConnectionString))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var hold = new NpgsqlCommand("select 1 from linking.mt_doc_pending_authorization where id = @id for update", connection, transaction);
            hold.Parameters.AddWithValue("id", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(state))));
            Assert.Equal(1, await hold.ExecuteScalarAsync());
            racing = [.. Enumerable.Range(0, 4).Select(_ => user.GetAsync(callback))];
            Assert.Equal(4, await WaitUntilBlockedByAsync(connection.ProcessID, expected: 4));
            await transaction.CommitAsync();
        }

        var answers = await Task.WhenAll(racing);

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.Equal(3, answers.Count(a => a.StatusCode == HttpStatusCode.BadRequest));
        Assert.Equal(1, await host.TokenCallsAsync(mailbox)); // the losers never reached the provider
        Assert.Single((await (await user.GetAsync("/api/me/links")).OkJsonAsync()).EnumerateArray());
    }

    [Fact]
    public async Task A_state_expires_after_ten_minutes()
    {
        var (user, mailbox, callback) = await ConsentedAsync();

        host.Clock.Advance(PendingAuthorization.Lifetime + TimeSpan.FromSeconds(1));
        await (await user.GetAsync(callback)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(0, await host.TokenCallsAsync(mailbox));
        await AssertNothingLinkedAsync(user);
    }

    [Fact]
    public async Task Another_user_cannot_use_a_state_and_the_owner_still_can()
    {
        var (user, _, callback) = await ConsentedAsync();
        var intruder = host.UserClient(LinkingHost.NewUser());

        await (await intruder.GetAsync(callback)).AssertProblemAsync(HttpStatusCode.BadRequest);

        await AssertNothingLinkedAsync(intruder);
        await AssertNothingLinkedAsync(user);
        Assert.Equal("Active", (await (await user.GetAsync(callback)).OkJsonAsync()).Str("status"));
    }

    [Fact]
    public async Task A_state_is_bound_to_its_tenant()
    {
        var (user, mailbox, callback) = await ConsentedAsync();

        // A user of another tenant relaying the redirect is refused before anything is looked up.
        await (await host.UserClient(LinkingHost.NewUser(), tenant: "tenant-b").GetAsync(callback)).AssertProblemAsync(HttpStatusCode.BadRequest);

        // A state whose tenant part names another tenant finds nothing there.
        var state = LinkingHost.QueryOf("http://x" + callback)["state"];
        var forged = Convert.ToBase64String(Encoding.UTF8.GetBytes("tenant-b")).TrimEnd('=').Replace('+', '-').Replace('/', '_') + "." + state.Split('.')[1];
        var forgedCallback = callback.Replace(state, forged, StringComparison.Ordinal);
        Assert.NotEqual(callback, forgedCallback);
        await (await host.App.CreateClient().GetAsync(forgedCallback)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(0, await host.TokenCallsAsync(mailbox));
        await AssertNothingLinkedAsync(user);
        await AssertNothingLinkedAsync(host.UserClient(LinkingHost.NewUser(), tenant: "tenant-b"));
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync(callback)).StatusCode);
    }

    [Fact]
    public async Task A_state_brought_to_the_other_providers_callback_is_refused_and_used_up()
    {
        var (user, mailbox, callback) = await ConsentedAsync(SandboxProvider.Google);

        await (await user.GetAsync(callback.Replace("/callback/google", "/callback/microsoft", StringComparison.Ordinal)))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await user.GetAsync(callback)).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(0, await host.TokenCallsAsync(mailbox));
        await AssertNothingLinkedAsync(user);
    }

    [Theory]
    [InlineData("/api/links/callback/google?code=abc")]
    [InlineData("/api/links/callback/google?code=abc&state=")]
    [InlineData("/api/links/callback/google?code=abc&state=forged")]
    [InlineData("/api/links/callback/google?code=abc&state=dGVuYW50LWE.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_missing_malformed_or_unknown_state_is_a_400(string callback) =>
        await (await host.App.CreateClient().GetAsync(callback)).AssertProblemAsync(HttpStatusCode.BadRequest);

    [Fact]
    public async Task A_callback_without_a_code_is_a_validation_problem_and_leaves_the_state_usable()
    {
        var (user, _, callback) = await ConsentedAsync();
        var state = LinkingHost.QueryOf("http://x" + callback)["state"];

        await (await host.App.CreateClient().GetAsync($"/api/links/callback/microsoft?state={Uri.EscapeDataString(state)}")).AssertValidationProblemAsync("code");

        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync(callback)).StatusCode);
    }

    [Fact]
    public async Task A_denied_consent_is_a_400_that_uses_up_the_state()
    {
        var (user, mailbox, callback) = await ConsentedAsync();
        var state = LinkingHost.QueryOf("http://x" + callback)["state"];

        var denied = await (await user.GetAsync(
            $"/api/links/callback/microsoft?error=access_denied&error_description=The+user+declined&state={Uri.EscapeDataString(state)}")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("access_denied", denied.Str("detail"), StringComparison.Ordinal);
        await (await user.GetAsync(callback)).AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, await host.TokenCallsAsync(mailbox));
        await AssertNothingLinkedAsync(user);
    }

    [Fact]
    public async Task A_crafted_error_is_not_repeated_back()
    {
        var (user, _, callback) = await ConsentedAsync();
        var state = LinkingHost.QueryOf("http://x" + callback)["state"];
        var crafted = "<b>Call+555-0100+to+restore+your+mailbox</b>" + new string('x', 5000);

        var denied = await (await user.GetAsync(
            $"/api/links/callback/microsoft?error={crafted}&state={Uri.EscapeDataString(state)}")).AssertProblemAsync(HttpStatusCode.BadRequest);

        Assert.DoesNotContain("555-0100", denied.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("unrecognized error", denied.Str("detail"), StringComparison.Ordinal);
        await AssertNothingLinkedAsync(user);
    }

    [Theory]
    [InlineData(SandboxProvider.Microsoft, "AADSTS501481")]
    [InlineData(SandboxProvider.Google, "Invalid code verifier.")]
    public async Task The_code_is_redeemed_with_its_own_requests_verifier(SandboxProvider provider, string verifierRefused)
    {
        // Two link requests of one user: the code of the first, brought back with the state (and so the verifier) of the second.
        var mailbox = await host.AddMailboxAsync(provider);
        var user = host.UserClient(LinkingHost.NewUser());
        var id = provider == SandboxProvider.Google ? "google" : "microsoft";
        var first = LinkingHost.QueryOf("http://x" + await host.ConsentAsync((await host.StartLinkAsync(user, id, mailbox)).Str("authorizationUrl")));
        var second = LinkingHost.QueryOf("http://x" + await host.ConsentAsync((await host.StartLinkAsync(user, id, mailbox)).Str("authorizationUrl")));

        var swapped = await (await user.GetAsync(
            $"/api/links/callback/{id}?code={Uri.EscapeDataString(first["code"])}&state={Uri.EscapeDataString(second["state"])}")).AssertProblemAsync(HttpStatusCode.BadRequest);

        // The provider was asked once and refused because of the verifier (nothing else differs: same client, same redirect_uri).
        Assert.Contains("invalid_grant", swapped.Str("detail"), StringComparison.Ordinal);
        Assert.Equal(1, await host.TokenCallsAsync(mailbox));
        Assert.Contains(host.Logs.Lines, l => l.Contains("link failed: invalid_grant", StringComparison.Ordinal) && l.Contains(verifierRefused, StringComparison.Ordinal));
        await AssertNothingLinkedAsync(user);
    }

    [Fact]
    public async Task Nothing_of_the_state_or_the_verifier_is_stored_in_clear()
    {
        var (_, _, callback) = await ConsentedAsync();
        var state = LinkingHost.QueryOf("http://x" + callback)["state"];

        var dump = await DatabaseDump.TextAsync(host.ConnectionString);

        Assert.Contains("pending_authorization", dump, StringComparison.Ordinal);
        Assert.DoesNotContain(state, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(state.Split('.')[1], dump, StringComparison.Ordinal);
    }

    /// <summary>
    /// Polls PostgreSQL's lock graph until <paramref name="expected"/> sessions wait, directly or
    /// queued behind another waiter, on a lock that the session <paramref name="holder"/> holds (or
    /// 20 s pass, below Npgsql's 30 s command timeout): answers how many wait.
    /// </summary>
    private async Task<int> WaitUntilBlockedByAsync(int holder, int expected)
    {
        await using var observer = new NpgsqlConnection(host.ConnectionString);
        await observer.OpenAsync();
        await using var count = new NpgsqlCommand(
            """
            with recursive waiting(pid) as (
                select pid from pg_stat_activity where @holder = any(pg_blocking_pids(pid))
                union
                select a.pid from pg_stat_activity a join waiting w on w.pid = any(pg_blocking_pids(a.pid)))
            select count(*)::int from waiting
            """,
            observer);
        count.Parameters.AddWithValue("holder", holder);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            var blocked = (int)(await count.ExecuteScalarAsync())!;
            if (blocked >= expected || DateTimeOffset.UtcNow > deadline)
            {
                return blocked;
            }

            await Task.Delay(20);
        }
    }
}

using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Tests.Providers.Infrastructure;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.Tests.Providers.Microsoft;

/// <summary>Throttling, outages and token trouble: what the Graph reader retries, and what it gives up on.</summary>
public sealed class GraphFaultTests : ReaderTest
{
    private const string Anna = "anna.keller@contoso.com";
    private const string Folders = "/v1.0/me/mailFolders";

    private MailWindow Window => new(Now.AddDays(-14));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = Anna,
            Provider = SandboxProvider.Microsoft,
            Messages = [Mail("Question", "bob@fabrikam.example", [Anna], Now.AddDays(-1)), Mail("Answer", Anna, ["bob@fabrikam.example"], Now.AddHours(-2))],
        }, Ct);
    }

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After()
    {
        var (access, _) = await LinkAsync(Anna, "microsoft");
        await Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = Anna, Kind = FaultKind.Throttle, PathPrefix = Folders, RetryAfterSeconds = 1 }, Ct);
        List<ProviderPage<MailItem>> pages = [];

        var elapsed = await TimedAsync(async () => pages = await Reader("microsoft").ReadMailAsync(access, null, Window, Ct).ReadAllAsync());

        Assert.Equal(2, pages.Items().Count);
        Assert.True(elapsed >= TimeSpan.FromSeconds(1), $"retried after {elapsed}");
        var calls = await RequestsAsync(Anna, Folders);
        Assert.Equal([429, 200], calls.Take(2).Select(c => c.Status));
        Assert.Equal(calls[0].PathAndQuery, calls[1].PathAndQuery);
    }

    [Fact]
    public async Task A_503_is_retried_until_the_service_answers()
    {
        var (access, _) = await LinkAsync(Anna, "microsoft");
        await Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = Anna, Kind = FaultKind.ServiceUnavailable, PathPrefix = Folders, Count = 2, RetryAfterSeconds = 0 }, Ct);

        var pages = await Reader("microsoft").ReadMailAsync(access, null, Window, Ct).ReadAllAsync();

        Assert.Equal(2, pages.Items().Count);
        Assert.Equal([503, 503, 200], (await RequestsAsync(Anna, Folders)).Take(3).Select(c => c.Status));
    }

    [Fact]
    public async Task A_persistent_503_is_ProviderUnavailable_after_the_configured_tries()
    {
        var (access, _) = await LinkAsync(Anna, "microsoft");
        await Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = Anna, Kind = FaultKind.ServiceUnavailable, PathPrefix = Folders, Count = 10, RetryAfterSeconds = 0 }, Ct);

        await Assert.ThrowsAsync<ProviderUnavailableException>(() => Reader("microsoft").ReadMailAsync(access, null, Window, Ct).ReadAllAsync());

        Assert.Equal([503, 503, 503], (await RequestsAsync(Anna, Folders)).Select(c => c.Status));
    }

    [Fact]
    public async Task A_token_answered_401_is_reported_rejected_and_replaced_by_asking_the_callback_again()
    {
        var (access, tokens) = await LinkAsync(Anna, "microsoft");
        var stale = tokens.Current;
        await Sandbox.Control.ExpireAccessTokensAsync(Anna, Ct);
        tokens.Current = await FreshTokenAsync(Anna);
        tokens.First(stale);

        var pages = await Reader("microsoft").ReadMailAsync(access, null, Window, Ct).ReadAllAsync();

        Assert.Equal(2, pages.Items().Count);
        var calls = await Sandbox.Control.GetRequestsAsync(api: "graph", ct: Ct);
        Assert.Equal([401, 200], calls.Take(2).Select(c => c.Status));
        Assert.DoesNotContain(calls.Skip(1), c => c.Status == 401);
        Assert.Equal([stale], tokens.Rejected);
    }

    [Fact]
    public async Task A_token_refused_twice_is_ProviderUnavailable_without_looping()
    {
        var (access, tokens) = await LinkAsync(Anna, "microsoft");
        await Sandbox.Control.ExpireAccessTokensAsync(Anna, Ct);

        await Assert.ThrowsAsync<ProviderUnavailableException>(() => Reader("microsoft").ReadMailAsync(access, null, Window, Ct).ReadAllAsync());

        Assert.Equal([401, 401], (await Sandbox.Control.GetRequestsAsync(api: "graph", ct: Ct)).Select(c => c.Status));
        Assert.Equal(2, tokens.Calls);
        Assert.Equal([tokens.Current, tokens.Current], tokens.Rejected);
    }

    [Fact]
    public async Task ReauthRequired_from_the_access_callback_propagates_and_nothing_is_sent()
    {
        var (access, tokens) = await LinkAsync(Anna, "microsoft");
        tokens.Fail = new ReauthRequiredException("invalid_grant");

        var error = await Assert.ThrowsAsync<ReauthRequiredException>(() => Reader("microsoft").ReadMailAsync(access, null, Window, Ct).ReadAllAsync());

        Assert.Same(tokens.Fail, error);
        Assert.Empty(await Sandbox.Control.GetRequestsAsync(api: "graph", ct: Ct));
    }
}

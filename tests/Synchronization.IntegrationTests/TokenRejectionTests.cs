using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests;

/// <summary>
/// The provider stops accepting a link's access token before the token's own expiry: a run reports the 401 to the
/// Linking module (<c>GetAccessToken(linkId, RejectedAccessToken)</c>), which refreshes it; when the grant itself was
/// revoked the refresh answers invalid_grant and the link asks its user to link again.
/// </summary>
public sealed class TokenRejectionTests : IAsyncLifetime
{
    private const string Tenant = "tenant-tokens";
    private SyncWorld _world = null!;

    public async Task InitializeAsync() => _world = await SyncWorld.StartAsync(Tenant);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Theory]
    [InlineData(SandboxProvider.Microsoft, "microsoft")]
    [InlineData(SandboxProvider.Google, "google")]
    public async Task A_token_the_provider_stopped_accepting_early_is_refreshed_and_the_run_completes(SandboxProvider sandboxProvider, string provider)
    {
        var (mailbox, user, linkId) = await LinkMailboxAsync(sandboxProvider, provider);
        Assert.True((await _world.RunAsync(linkId)).Ran);

        await _world.Sandbox.Control.ExpireAccessTokensAsync(mailbox);
        await _world.Sandbox.Control.AddMessagesAsync(mailbox, [Message(mailbox, "Second pickup this week", DateTimeOffset.UtcNow.AddHours(-1))]);
        var run = await _world.RunAsync(linkId);

        Assert.True(run.Ran, run.Reason);
        await using (var session = _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant))
        {
            Assert.Equal(2, (await session.Query<EmailThread>().ToListAsync()).Count);
        }

        var requests = await _world.Sandbox.Control.GetRequestsAsync(); // a rejected token names no mailbox
        Assert.Single(requests, r => r.Status == 401);
        await _world.WaitAsync(); // the run's events reach the Linking module's link status
        Assert.Equal("Active", (await LinkAsync(user, linkId)).GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(SandboxProvider.Microsoft, "microsoft")]
    [InlineData(SandboxProvider.Google, "google")]
    public async Task A_grant_revoked_at_the_provider_ends_the_run_and_the_link_asks_to_be_linked_again(SandboxProvider sandboxProvider, string provider)
    {
        var (mailbox, user, linkId) = await LinkMailboxAsync(sandboxProvider, provider);

        await _world.Sandbox.Control.RevokeTokensAsync(mailbox);
        var run = await _world.RunAsync(linkId);

        Assert.False(run.Ran);
        await _world.WaitAsync();
        Assert.Equal("ReauthRequired", (await LinkAsync(user, linkId)).GetProperty("status").GetString());
        Assert.Single(await _world.Sandbox.Control.GetRequestsAsync(), r => r.Status == 401);
    }

    private async Task<(string Mailbox, HttpClient User, string LinkId)> LinkMailboxAsync(SandboxProvider sandboxProvider, string provider)
    {
        var mailbox = $"rae-{provider}@hauler.example";
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = sandboxProvider,
            Messages = [Message(mailbox, "Pickup schedule", DateTimeOffset.UtcNow.AddDays(-1))],
        });
        await _world.SeedAsync(provider);
        var user = _world.App.ClientFor(Tokens.User(Tenant, $"user-{provider}"));
        var linkId = await _world.LinkAsync(user, provider, mailbox);
        await _world.WaitAsync();
        return (mailbox, user, linkId);
    }

    [Fact]
    public async Task A_token_refused_on_the_message_bodies_batch_is_refreshed_and_the_whole_batch_sent_again()
    {
        var (mailbox, _, linkId) = await LinkMailboxAsync(SandboxProvider.Microsoft, "microsoft");
        Assert.True((await _world.RunAsync(linkId)).Ran);
        await _world.Sandbox.Control.AddMessagesAsync(mailbox, [Message(mailbox, "Bodies after a refused token", DateTimeOffset.UtcNow.AddHours(-1))]);
        await _world.Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = mailbox, Kind = FaultKind.Unauthorized, PathPrefix = "/v1.0/$batch" });

        var run = await _world.RunAsync(linkId);

        Assert.True(run.Ran, run.Reason);
        var batches = await _world.Sandbox.Control.GetRequestsAsync(pathPrefix: "/v1.0/$batch");
        Assert.Equal([401, 200], batches.TakeLast(2).Select(r => r.Status));
        var recorded = (await StoredSync.EventsAsync(_world.ConnectionString)).Last(e => e.Type == "synchronization.thread_message_recorded");
        Assert.Equal("Bodies after a refused token.", recorded.Json.GetProperty("bodyText").GetString());
    }

    private static ScenarioMessage Message(string mailbox, string subject, DateTimeOffset sentAt) =>
        new() { Thread = subject, Subject = subject, From = mailbox, To = ["pat@customer.example"], SentAt = sentAt, Body = subject + ".", Folder = "sentitems" };

    private static async Task<JsonElement> LinkAsync(HttpClient user, string linkId) =>
        (await user.GetFromJsonAsync<JsonElement>("/api/me/links")).EnumerateArray().Single(l => l.GetProperty("linkId").GetString() == linkId);
}

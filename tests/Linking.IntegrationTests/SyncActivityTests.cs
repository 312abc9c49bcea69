using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Contracts.Integration;
using NavusoftSync.BuildingBlocks.Integration;
using NavusoftSync.Linking.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Linking.IntegrationTests;

/// <summary>GET /api/me/links takes Syncing/Failed, last sync and counts from the Synchronization module's run events.</summary>
public sealed class SyncActivityTests(LinkingHost host) : IClassFixture<LinkingHost>
{
    private long _sequence = 1_000_000;

    private Task DeliverAsync(IIntegrationEvent e, Guid? eventId = null) =>
        host.App.Services.GetRequiredService<IntegrationEventDispatcher>().DispatchAsync(
            e, new IntegrationEventContext(eventId ?? Guid.NewGuid(), LinkingHost.Tenant, Interlocked.Increment(ref _sequence), DateTimeOffset.UtcNow), 0, CancellationToken.None);

    [Fact]
    public async Task Runs_show_as_syncing_then_counted_once_then_failed()
    {
        var mailbox = await host.AddMailboxAsync(SandboxProvider.Microsoft);
        var user = host.UserClient(LinkingHost.NewUser());
        var linkId = (await host.LinkAsync(user, "microsoft", mailbox)).Str("linkId");
        var start = new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

        await DeliverAsync(new LinkSyncStarted(linkId, "run-1", start));
        Assert.Equal("Syncing", (await LinkAsync(user)).Str("status"));

        var completed = Guid.NewGuid();
        await DeliverAsync(new LinkSyncCompleted(linkId, "run-1", start, start.AddSeconds(20), 3, 2, 4), completed);
        await DeliverAsync(new LinkSyncCompleted(linkId, "run-1", start, start.AddSeconds(20), 3, 2, 4), completed); // redelivered
        var link = await LinkAsync(user);
        Assert.Equal("Active", link.Str("status"));
        Assert.Equal(start.AddSeconds(20), link.GetProperty("lastSyncAt").GetDateTimeOffset());
        Assert.Equal((3, 2), (link.GetProperty("emailsSynced").GetInt64(), link.GetProperty("appointmentsSynced").GetInt64()));
        Assert.Equal(4, link.GetProperty("itemsSkipped").GetInt64());

        await DeliverAsync(new LinkSyncFailed(linkId, "run-2", start.AddMinutes(5), "The provider kept answering 503."));
        link = await LinkAsync(user);
        Assert.Equal("Failed", link.Str("status"));
        Assert.Equal("The provider kept answering 503.", link.Str("lastSyncError"));
        Assert.Equal(3, link.GetProperty("emailsSynced").GetInt64());
    }

    private static async Task<System.Text.Json.JsonElement> LinkAsync(HttpClient user) =>
        Assert.Single((await (await user.GetAsync("/api/me/links")).OkJsonAsync()).EnumerateArray());
}

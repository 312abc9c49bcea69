using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Push;
using NavusoftSync.Synchronization.Runs;

namespace NavusoftSync.Synchronization.IntegrationTests.Push;

/// <summary>
/// <see cref="PushSilence"/>: a scheduled poll of a link with Active push that reads changes (here the mailbox's first
/// read from the sandbox) when no notification arrived for the whole fallback interval (900 s) marks push Failed with
/// its reason and the registrations gone, and the next upkeep makes them again; with a recent notification it changes nothing.
/// </summary>
[Collection(UpkeepWorld.Collection)]
public sealed class UpkeepSilenceTests(UpkeepWorld world)
{
    private static readonly TimeSpan FallbackInterval = TimeSpan.FromSeconds(900);

    [Fact]
    public async Task A_scheduled_poll_finding_changes_after_a_silent_fallback_interval_fails_push_and_the_next_upkeep_remakes_it()
    {
        var link = await world.LinkAsync();
        await world.UpkeepAsync(link.Id);
        var made = await world.RegistrationsAsync(link.Id);
        world.Clock.Advance(FallbackInterval + TimeSpan.FromMinutes(1));

        Assert.True((await SyncWorld.RunAsync(world.App, UpkeepWorld.Tenant, link.Id, SyncTrigger.Schedule)).Ran);

        var push = await world.LoadAsync<LinkPush>(link.Id);
        Assert.Equal(PushStatus.Failed, push!.Status);
        Assert.Equal("Push notifications stopped arriving while a poll found changes; the link is polled at the normal interval until they are set up again.", push.LastError);
        Assert.All(await world.RegistrationsAsync(link.Id), r => Assert.True(r.Gone));

        await world.UpkeepAsync(link.Id);
        var again = await world.RegistrationsAsync(link.Id);
        Assert.Equal(3, again.Count);
        Assert.All(again, r => Assert.True(r.IsLive));
        Assert.Empty(again.Select(r => r.Id).Intersect(made.Select(r => r.Id)));
        Assert.Equal(again.Select(r => r.Id).Order(), world.Provider.Of(link.Id).Live.Keys.Order());
        Assert.Equal(PushStatus.Active, (await world.LoadAsync<LinkPush>(link.Id))!.Status);
    }

    [Fact]
    public async Task A_scheduled_poll_finding_changes_soon_after_a_notification_changes_nothing()
    {
        var link = await world.LinkAsync();
        await world.UpkeepAsync(link.Id);
        var made = await world.RegistrationsAsync(link.Id);
        world.Clock.Advance(FallbackInterval + TimeSpan.FromMinutes(1));
        var route = Assert.Single(await world.App.Services.GetRequiredService<PushRouter>().FindAsync(PushRoute.GraphKey(made[0].Id), CancellationToken.None));
        await world.App.Services.GetRequiredService<PushWakeups>().WakeAsync(route, CancellationToken.None);
        world.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.True((await SyncWorld.RunAsync(world.App, UpkeepWorld.Tenant, link.Id, SyncTrigger.Schedule)).Ran);

        Assert.Equal(PushStatus.Active, (await world.LoadAsync<LinkPush>(link.Id))!.Status);
        Assert.All(await world.RegistrationsAsync(link.Id), r => Assert.True(r.IsLive));
    }
}

using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.BuildingBlocks.Tenancy;
using NavusoftSync.Synchronization.Contracts;
using NavusoftSync.Synchronization.Push;

namespace NavusoftSync.Synchronization.IntegrationTests.Push;

/// <summary>
/// <c>push</c> in <c>GET /api/me/links</c>, from the link's <see cref="LinkPush"/> and <see cref="PushHeartbeat"/> through
/// <see cref="GetLinkPush"/>: Off until the upkeep ran, then its status and expiry, the last notification, and never
/// another user's or tenant's link.
/// </summary>
[Collection(UpkeepWorld.Collection)]
public sealed class UpkeepStatusTests(UpkeepWorld world)
{
    [Fact]
    public async Task Push_is_off_with_no_times_until_the_upkeep_makes_it_active_and_a_notification_shows()
    {
        var link = await world.LinkAsync();
        var push = await PushOfAsync(link);
        Assert.Equal("Off", push.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, push.GetProperty("expiresAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, push.GetProperty("lastNotificationAt").ValueKind);

        await world.UpkeepAsync(link.Id);
        var registrations = await world.RegistrationsAsync(link.Id);
        push = await PushOfAsync(link);
        Assert.Equal("Active", push.GetProperty("status").GetString());
        Assert.Equal(registrations.Min(r => r.ExpiresAt), push.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, push.GetProperty("lastNotificationAt").ValueKind);

        world.Clock.Advance(TimeSpan.FromMinutes(3));
        var route = Assert.Single(await world.App.Services.GetRequiredService<PushRouter>().FindAsync(PushRoute.GraphKey(registrations[0].Id), CancellationToken.None));
        await world.App.Services.GetRequiredService<PushWakeups>().WakeAsync(route, CancellationToken.None);
        Assert.Equal(world.Clock.GetUtcNow(), (await PushOfAsync(link)).GetProperty("lastNotificationAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Stored_push_documents_show_as_they_are_and_a_failed_push_shows_no_expiry()
    {
        var link = await world.LinkAsync();
        var at = world.Clock.GetUtcNow();
        await world.StoreAsync(new LinkPush(link.Id, PushStatus.Renewing, null, null, at), new PushHeartbeat(link.Id, at.AddMinutes(-5)));
        var push = await PushOfAsync(link);
        Assert.Equal("Renewing", push.GetProperty("status").GetString());
        Assert.Equal(at.AddMinutes(-5), push.GetProperty("lastNotificationAt").GetDateTimeOffset());

        await world.StoreAsync(new LinkPush(link.Id, PushStatus.Failed, at.AddDays(2), PushSilence.Reason, at));
        push = await PushOfAsync(link);
        Assert.Equal("Failed", push.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, push.GetProperty("expiresAt").ValueKind);

        await world.StoreAsync(new LinkPush(link.Id, PushStatus.Active, at.AddDays(2), null, at));
        Assert.Equal(at.AddDays(2), (await PushOfAsync(link)).GetProperty("expiresAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Another_users_links_and_their_push_never_show()
    {
        var mine = await world.LinkAsync();
        var theirs = await world.LinkAsync();
        await world.UpkeepAsync(theirs.Id);

        var listed = (await mine.User.GetFromJsonAsync<JsonElement>("/api/me/links")).EnumerateArray().ToList();

        var only = Assert.Single(listed);
        Assert.Equal(mine.Id, only.GetProperty("linkId").GetString());
        Assert.Equal("Off", only.GetProperty("push").GetProperty("status").GetString());
        Assert.Equal("Active", (await PushOfAsync(theirs)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Asked_from_another_tenant_a_links_push_is_off_and_each_id_is_answered_once()
    {
        var link = await world.LinkAsync();
        await world.UpkeepAsync(link.Id);
        await world.StoreAsync(new PushHeartbeat(link.Id, world.Clock.GetUtcNow()));

        var foreign = await GetLinkPushAsync("tenant-push-stranger", [link.Id, link.Id]);
        Assert.Equal(new LinkPushState(link.Id, "Off", null, null), Assert.Single(foreign));

        var own = await GetLinkPushAsync(UpkeepWorld.Tenant, [link.Id, "lnk_nothing", link.Id]);
        Assert.Equal([link.Id, "lnk_nothing"], own.Select(p => p.LinkId));
        Assert.Equal(["Active", "Off"], own.Select(p => p.Status));
    }

    [Fact]
    public async Task Asking_for_more_than_500_links_or_an_empty_id_is_a_broken_rule()
    {
        var tooMany = Enumerable.Range(0, GetLinkPush.MaxLinkIds + 1).Select(i => $"lnk_{i}").ToList();
        Assert.Equal(DomainErrorKind.RuleViolated, (await Assert.ThrowsAsync<DomainException>(() => GetLinkPushAsync(UpkeepWorld.Tenant, tooMany))).Kind);
        Assert.Equal(DomainErrorKind.RuleViolated, (await Assert.ThrowsAsync<DomainException>(() => GetLinkPushAsync(UpkeepWorld.Tenant, [""]))).Kind);
        Assert.Equal(GetLinkPush.MaxLinkIds, (await GetLinkPushAsync(UpkeepWorld.Tenant, tooMany[..GetLinkPush.MaxLinkIds])).Count);
    }

    private static async Task<JsonElement> PushOfAsync(TestLink link) =>
        Assert.Single((await link.User.GetFromJsonAsync<JsonElement>("/api/me/links")).EnumerateArray(), l => l.GetProperty("linkId").GetString() == link.Id)
            .GetProperty("push");

    private async Task<IReadOnlyList<LinkPushState>> GetLinkPushAsync(string tenant, IReadOnlyList<string> linkIds)
    {
        await using var scope = world.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantScope>().Use(tenant);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetLinkPush(linkIds));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Tenancy;
using NavusoftSync.Linking.Contracts;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Push;

namespace NavusoftSync.Synchronization.IntegrationTests.Push;

/// <summary>
/// <c>DELETE /api/me/links/{linkId}</c> stops the link's push (<c>StopLinkPush</c>) before its credentials go: the
/// provider is asked, with the link's token, to delete every registration; a provider that fails leaves them orphaned
/// and the unlink still succeeds.
/// </summary>
[Collection(UpkeepWorld.Collection)]
public sealed class UpkeepUnlinkTests(UpkeepWorld world)
{
    [Fact]
    public async Task Unlinking_deletes_the_registrations_at_the_provider_with_the_links_grant_and_push_is_off()
    {
        var link = await world.LinkAsync();
        await world.UpkeepAsync(link.Id);
        var provider = world.Provider.Of(link.Id);
        var registrations = await world.RegistrationsAsync(link.Id);
        var made = provider.Calls.Count;

        await world.UnlinkAsync(link);

        var calls = provider.Calls.Skip(made).ToList();
        Assert.Equal(registrations.Select(r => $"unsubscribe:{r.Id}").Order(), calls.Select(c => $"{c.Operation}:{c.Argument}").Order());
        Assert.All(calls, c => Assert.True(c.HadToken, "the registrations are deleted while the link still has its grant"));
        Assert.Empty(provider.Live);
        Assert.Empty(await world.RegistrationsAsync(link.Id));
        Assert.Empty(await world.RoutesAsync(link.Id));
        var listed = await ListedAsync(link);
        Assert.Equal("Unlinked", listed.GetProperty("status").GetString());
        Assert.Equal("Off", listed.GetProperty("push").GetProperty("status").GetString());
        Assert.Equal(AccessTokenOutcome.Unlinked, (await AccessTokenAsync(link.Id)).Outcome);
    }

    [Fact]
    public async Task Unlinking_while_the_provider_fails_still_unlinks_and_leaves_the_registrations_orphaned()
    {
        var link = await world.LinkAsync();
        await world.UpkeepAsync(link.Id);
        var provider = world.Provider.Of(link.Id);
        var registrations = await world.RegistrationsAsync(link.Id);
        provider.Failure = () => new ProviderUnavailableException("503 from the provider");

        await world.UnlinkAsync(link);

        Assert.Equal("Unlinked", (await ListedAsync(link)).GetProperty("status").GetString());
        Assert.Equal(AccessTokenOutcome.Unlinked, (await AccessTokenAsync(link.Id)).Outcome);
        var left = await world.RegistrationsAsync(link.Id);
        Assert.Equal(registrations.Select(r => r.Id).Order(), left.Select(r => r.Id).Order());
        Assert.All(left, r => Assert.True(r.Orphaned));
        Assert.Empty(await world.RoutesAsync(link.Id));
        Assert.Equal(PushStatus.Off, (await world.LoadAsync<LinkPush>(link.Id))!.Status);
    }

    [Fact]
    public async Task Unlinking_while_the_provider_never_answers_waits_its_bounded_time_and_unlinks()
    {
        var link = await world.LinkAsync();
        await world.UpkeepAsync(link.Id);
        world.Provider.Of(link.Id).Hangs = true;

        var started = System.Diagnostics.Stopwatch.StartNew();
        await world.UnlinkAsync(link);

        Assert.InRange(started.Elapsed, LinkPushUpkeep.StopTimeout, LinkPushUpkeep.StopTimeout * 3);
        Assert.Equal("Unlinked", (await ListedAsync(link)).GetProperty("status").GetString());
        Assert.All(await world.RegistrationsAsync(link.Id), r => Assert.True(r.Orphaned));
        Assert.Empty(await world.RoutesAsync(link.Id));
    }

    [Fact]
    public async Task Another_users_unlink_of_the_link_is_a_404_that_stops_nothing()
    {
        var link = await world.LinkAsync();
        await world.UpkeepAsync(link.Id);
        var provider = world.Provider.Of(link.Id);
        var made = provider.Calls.Count;

        var stranger = world.UserClient($"user-{Guid.NewGuid():N}");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/me/links/{link.Id}")).StatusCode);

        Assert.Equal(made, provider.Calls.Count);
        Assert.All(await world.RegistrationsAsync(link.Id), r => Assert.True(r.IsLive));
        Assert.Equal(PushStatus.Active, (await world.LoadAsync<LinkPush>(link.Id))!.Status);
    }

    [Fact]
    public async Task Unlinking_twice_asks_the_provider_nothing_the_second_time()
    {
        var link = await world.LinkAsync();
        await world.UpkeepAsync(link.Id);
        await world.UnlinkAsync(link);
        var provider = world.Provider.Of(link.Id);
        var made = provider.Calls.Count;

        await world.UnlinkAsync(link);

        Assert.Equal(made, provider.Calls.Count);
    }

    private static async Task<JsonElement> ListedAsync(TestLink link) =>
        Assert.Single((await link.User.GetFromJsonAsync<JsonElement>("/api/me/links")).EnumerateArray(), l => l.GetProperty("linkId").GetString() == link.Id);

    private async Task<AccessTokenResult> AccessTokenAsync(string linkId)
    {
        await using var scope = world.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantScope>().Use(UpkeepWorld.Tenant);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetAccessToken(linkId));
    }
}

using System.Net;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Push;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using Quartz;

namespace NavusoftSync.Synchronization.IntegrationTests.Push;

/// <summary>
/// With the clustered scheduler on and push configured: linking schedules the link's push upkeep job (group <c>push</c>)
/// and fires it, which makes the registrations and switches the link's poll to the fallback interval; unlinking deletes
/// them at the provider and removes the job. The provider is <see cref="RecordingPushProvider"/> (see there why).
/// </summary>
public sealed class UpkeepSchedulingTests : IAsyncLifetime
{
    private const string Tenant = "tenant-push-scheduled";
    private static readonly TimeSpan Normal = TimeSpan.FromHours(1);
    private static readonly TimeSpan Fallback = TimeSpan.FromHours(2);

    private readonly RecordingPushProvider _provider = new(TimeProvider.System);
    private SyncWorld _world = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Quartz:Enabled"] = "true",
            ["Sync:IntervalSeconds"] = $"{Normal.TotalSeconds}",
            ["Sync:FallbackIntervalSeconds"] = $"{Fallback.TotalSeconds}",
            ["Links:WebhookBaseUrl"] = UpkeepWorld.WebhookBase,
        };
        _world = await SyncWorld.StartAsync(Tenant, settings, services =>
        {
            services.RemoveAll<IPushProvider>();
            services.AddSingleton<IPushProvider>(_provider);
        });
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task The_links_upkeep_job_makes_its_registrations_and_the_link_is_polled_at_the_fallback_interval_until_unlinked()
    {
        const string mailbox = "kim@hauler.example";
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = mailbox, Provider = SandboxProvider.Microsoft });
        await _world.SeedAsync("microsoft");
        var user = _world.App.ClientFor(Tokens.User(Tenant, "user-1"));
        var linkId = await _world.LinkAsync(user, "microsoft", mailbox);
        var scheduler = await _world.App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var pushJob = new JobKey($"{Tenant}|{linkId}", "push");
        var pollTrigger = new TriggerKey($"{Tenant}|{linkId}", "sync");

        await EventuallyAsync(async () => (await RegistrationsAsync(linkId)).Count == 3 && await LoadPushAsync(linkId) is { Status: PushStatus.Active }, "the upkeep job made the registrations");
        await EventuallyAsync(async () => await scheduler.GetTrigger(pollTrigger) is ISimpleTrigger { RepeatInterval: var every } && every == Fallback, "the poll is at the fallback interval");
        Assert.True(await scheduler.Exists(pushJob));
        Assert.Equal((await RegistrationsAsync(linkId)).Select(r => r.Id).Order(), _provider.Of(linkId).Live.Keys.Order());

        Assert.Equal(HttpStatusCode.NoContent, (await user.DeleteAsync($"/api/me/links/{linkId}")).StatusCode);

        Assert.Empty(_provider.Of(linkId).Live);
        Assert.Empty(await RegistrationsAsync(linkId));
        await EventuallyAsync(async () => !await scheduler.Exists(pushJob), "unlinking removes the upkeep job");
    }

    private async Task<IReadOnlyList<PushRegistration>> RegistrationsAsync(string linkId)
    {
        await using var session = _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant);
        return await session.Query<PushRegistration>().Where(r => r.LinkId == linkId).ToListAsync();
    }

    private async Task<LinkPush?> LoadPushAsync(string linkId)
    {
        await using var session = _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant);
        return await session.LoadAsync<LinkPush>(linkId);
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(45);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"not within 45 s: {what}");
            await Task.Delay(100);
        }
    }
}

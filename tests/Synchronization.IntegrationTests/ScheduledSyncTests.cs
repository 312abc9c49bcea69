using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using Quartz;

namespace NavusoftSync.Synchronization.IntegrationTests;

/// <summary>With the clustered scheduler on: linking schedules the link's job, the first sync runs at once, unlinking removes the job.</summary>
public sealed class ScheduledSyncTests : IAsyncLifetime
{
    private const string Tenant = "tenant-scheduled";
    private SyncWorld _world = null!;

    public async Task InitializeAsync() =>
        _world = await SyncWorld.StartAsync(Tenant, new Dictionary<string, string?> { ["Quartz:Enabled"] = "true", ["Sync:IntervalSeconds"] = "3600" });

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Linking_starts_the_first_sync_at_once_and_unlinking_removes_the_job()
    {
        const string mailbox = "dana@hauler.example";
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = SandboxProvider.Microsoft,
            Messages = [new ScenarioMessage { Subject = "Invoice question", From = "pat@customer.example", To = [mailbox], SentAt = DateTimeOffset.UtcNow.AddDays(-1) }],
        });
        await _world.SeedAsync("microsoft");
        var user = _world.App.ClientFor(Tokens.User(Tenant, "user-1"));
        var linkId = await _world.LinkAsync(user, "microsoft", mailbox);

        var store = _world.App.Services.GetRequiredService<IDocumentStore>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(45);
        IReadOnlyList<EmailThread> threads = [];
        while (threads.Count == 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(250);
            await using var session = store.QuerySession(Tenant);
            threads = await session.Query<EmailThread>().ToListAsync();
        }

        Assert.Equal("Invoice question", Assert.Single(threads).Subject);
        var scheduler = await _world.App.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var job = new JobKey($"{Tenant}|{linkId}", "sync");
        Assert.True(await scheduler.Exists(job));

        Assert.Equal(HttpStatusCode.NoContent, (await user.DeleteAsync($"/api/me/links/{linkId}")).StatusCode);
        deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (await scheduler.Exists(job) && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        Assert.False(await scheduler.Exists(job));
    }
}

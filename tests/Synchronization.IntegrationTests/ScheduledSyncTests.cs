using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
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
    private SandboxHost _sandbox = null!;
    private NavusoftApp _app = null!;
    private string _connectionString = string.Empty;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        _connectionString = await PostgresServer.CreateDatabaseAsync("sched");
        _app = new NavusoftApp(_connectionString, new Dictionary<string, string?>(_sandbox.Urls.ToConfiguration())
        {
            ["Providers:Microsoft:ClientId"] = "client",
            ["Providers:Microsoft:ClientSecret"] = "secret",
            ["Quartz:Enabled"] = "true",
            ["Sync:IntervalSeconds"] = "3600",
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _sandbox.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    [Fact]
    public async Task Linking_starts_the_first_sync_at_once_and_unlinking_removes_the_job()
    {
        const string mailbox = "dana@hauler.example";
        await _sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = SandboxProvider.Microsoft,
            Messages = [new ScenarioMessage { Subject = "Invoice question", From = "pat@customer.example", To = [mailbox], SentAt = DateTimeOffset.UtcNow.AddDays(-1) }],
        });
        var admin = _app.ClientFor(Tokens.Admin(Tenant));
        await admin.PutAsJsonAsync("/api/accounts/ACC-1", new { name = "Customer Co", contacts = new[] { new { contactId = "c1", name = "Pat", email = "pat@customer.example" } } });
        await admin.PutAsJsonAsync("/api/admin/providers/microsoft", new { enabled = true, reviewTicket = "TR-7" });

        var user = _app.ClientFor(Tokens.User(Tenant, "user-1"));
        var started = await (await user.PostAsJsonAsync("/api/me/links", new { provider = "microsoft", loginHint = mailbox })).Content.ReadFromJsonAsync<JsonElement>();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var consent = await browser.GetAsync(started.GetProperty("authorizationUrl").GetString());
        var linked = await (await _app.CreateClient().GetAsync(consent.Headers.Location!.PathAndQuery)).Content.ReadFromJsonAsync<JsonElement>();
        var linkId = linked.GetProperty("linkId").GetString()!;

        var store = _app.Services.GetRequiredService<IDocumentStore>();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(45);
        IReadOnlyList<EmailThread> threads = [];
        while (threads.Count == 0 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(250);
            await using var session = store.QuerySession(Tenant);
            threads = await session.Query<EmailThread>().ToListAsync();
        }

        Assert.Equal("Invoice question", Assert.Single(threads).Subject);
        var scheduler = await _app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
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

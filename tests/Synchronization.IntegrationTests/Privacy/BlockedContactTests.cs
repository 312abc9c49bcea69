using System.Net;
using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests.Privacy;

/// <summary>
/// A blocked address never makes a match, also when it becomes a contact after the mail it takes part in was stored:
/// the stored thread is not widened to that contact's account, while an unblocked contact address appearing still is.
/// </summary>
public sealed class BlockedContactTests : IAsyncLifetime
{
    private const string Tenant = "tenant-blocked-contact";
    private SyncWorld _world = null!;

    public async Task InitializeAsync() => _world = await SyncWorld.StartAsync(Tenant);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_blocked_address_that_becomes_a_contact_widens_no_stored_thread()
    {
        const string mailbox = "dana-blocked@hauler.example";
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = SandboxProvider.Microsoft,
            Messages =
            [
                new ScenarioMessage
                {
                    Subject = "Route change", From = "pat@customer.example", To = [mailbox], Cc = ["lee@vendor.example", "kim@partner.example"],
                    SentAt = DateTimeOffset.UtcNow.AddDays(-2), Body = "See cc",
                },
            ],
        });
        await _world.SeedAsync("microsoft");
        await ErasureKit.SetPolicyAsync(_world, ErasureKit.Blocking("@vendor.example"));
        var linkId = await _world.LinkAsync(_world.App.ClientFor(Tokens.User(Tenant, "dana")), "microsoft", mailbox);
        await _world.WaitAsync();
        Assert.True((await _world.RunAsync(linkId)).Ran);

        var admin = _world.App.ClientFor(Tokens.Admin(Tenant));
        foreach (var (account, email) in new[] { ("ACC-VENDOR", "lee@vendor.example"), ("ACC-PARTNER", "kim@partner.example") })
        {
            var put = await admin.PutAsJsonAsync($"/api/accounts/{account}", new { name = account, contacts = new[] { new { contactId = "c1", name = "c1", email } } });
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        await _world.WaitAsync();
        await _world.WaitAsync(); // the contact events' handlers, then what they appended

        await using var session = _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant);
        var thread = Assert.Single(await session.Query<EmailThread>().ToListAsync());
        Assert.Equal(["ACC-1", "ACC-PARTNER"], thread.Accounts.Keys.Order(StringComparer.Ordinal));
    }
}

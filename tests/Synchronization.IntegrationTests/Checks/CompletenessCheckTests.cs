using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Runs;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests.Checks;

/// <summary>
/// The completeness check against a provider whose change feed silently drops a message (the sandbox's
/// <see cref="FaultKind.OmitFromFeed"/>): the normal sync misses it, the check finds it by search, records it, and the
/// runs listing and the link's <c>completeness</c> say so.
/// </summary>
public sealed class CompletenessCheckTests : IAsyncLifetime
{
    private const string Tenant = "tenant-check";
    private SyncWorld _world = null!;

    public async Task InitializeAsync() => _world = await SyncWorld.StartAsync(Tenant);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Theory]
    [InlineData(SandboxProvider.Microsoft, "microsoft")]
    [InlineData(SandboxProvider.Google, "google")]
    public async Task A_message_the_change_feed_omits_is_missed_by_the_sync_then_found_and_repaired_by_the_check(SandboxProvider sandboxProvider, string provider)
    {
        var mailbox = $"dana-{provider}@hauler.example";
        var (user, linkId) = await LinkAsync(sandboxProvider, provider, mailbox);
        Assert.True((await SyncWorld.RunAsync(_world.App, Tenant, linkId)).Ran);

        await _world.Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = mailbox, Kind = FaultKind.OmitFromFeed, Count = 1 });
        var missed = await _world.Sandbox.Control.AddMessageAsync(mailbox, new ScenarioMessage
        {
            Subject = "Missed purchase order", From = "pat@customer.example", To = [mailbox], SentAt = DateTimeOffset.UtcNow.AddMinutes(-5), Body = "PO 7781 attached.",
        });
        Assert.True((await SyncWorld.RunAsync(_world.App, Tenant, linkId)).Ran);
        Assert.DoesNotContain("Missed purchase order", await SubjectsAsync());

        var check = await SyncWorld.RunAsync(_world.App, Tenant, linkId, SyncTrigger.Check);

        Assert.True(check.Ran, check.Reason);
        Assert.Contains("Missed purchase order", await SubjectsAsync());
        await _world.WaitAsync();
        var run = (await user.GetFromJsonAsync<JsonElement>($"/api/me/links/{linkId}/runs")).EnumerateArray().First();
        Assert.Equal("check", run.GetProperty("trigger").GetString());
        Assert.Equal("Completed", run.GetProperty("outcome").GetString(), ignoreCase: true);
        Assert.Equal(1, run.GetProperty("recorded").GetInt32());
        Assert.Equal((3, 2, 1), await CompletenessAsync(user, linkId)); // two messages and the meeting; the omitted message repaired
        Assert.Contains(missed.Id, await StoredMailIdsAsync(linkId));

        Assert.True((await SyncWorld.RunAsync(_world.App, Tenant, linkId, SyncTrigger.Check)).Ran);
        await _world.WaitAsync();
        Assert.Equal((3, 3, 0), await CompletenessAsync(user, linkId)); // nothing missing any more: nothing recorded twice
    }

    [Fact]
    public async Task A_link_never_checked_shows_no_completeness()
    {
        var (user, linkId) = await LinkAsync(SandboxProvider.Microsoft, "microsoft", "lee@hauler.example");

        var link = (await user.GetFromJsonAsync<JsonElement>("/api/me/links")).EnumerateArray().Single(l => l.GetProperty("linkId").GetString() == linkId);

        Assert.Equal(JsonValueKind.Null, link.GetProperty("completeness").ValueKind);
    }

    /// <summary>A mailbox with one message to contact Pat and one meeting with Pat, the tenant seeded, and the mailbox linked.</summary>
    private async Task<(HttpClient User, string LinkId)> LinkAsync(SandboxProvider sandboxProvider, string provider, string mailbox)
    {
        var now = DateTimeOffset.UtcNow;
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = sandboxProvider,
            Messages = [new ScenarioMessage { Subject = "Container swap", From = mailbox, To = ["pat@customer.example"], SentAt = now.AddDays(-2), Body = "Tomorrow?", Folder = "sentitems" }],
            Events = [new ScenarioEvent { Subject = "Yard walk-through", Start = now.AddDays(3), End = now.AddDays(3).AddHours(1), Organizer = mailbox, Attendees = [new ScenarioAttendee { Address = "pat@customer.example" }] }],
        });
        await _world.SeedAsync(provider);
        await _world.WaitAsync();
        var user = _world.App.ClientFor(Tokens.User(Tenant, $"user-{mailbox}"));
        var linkId = await _world.LinkAsync(user, provider, mailbox);
        await _world.WaitAsync();
        return (user, linkId);
    }

    private async Task<List<string>> SubjectsAsync()
    {
        await using var session = _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant);
        return [.. (await session.Query<EmailThread>().ToListAsync()).Select(t => t.Subject)];
    }

    private async Task<List<string>> StoredMailIdsAsync(string linkId)
    {
        await using var session = _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant);
        var entries = await session.Query<Recording.MailboxMessageEntry>().ToListAsync();
        return [.. entries.Where(e => e.Id.StartsWith(linkId + "|", StringComparison.Ordinal)).Select(e => e.Id[(linkId.Length + 1)..])];
    }

    private static async Task<(int Expected, int Present, int Repaired)> CompletenessAsync(HttpClient user, string linkId)
    {
        var link = (await user.GetFromJsonAsync<JsonElement>("/api/me/links")).EnumerateArray().Single(l => l.GetProperty("linkId").GetString() == linkId);
        var completeness = link.GetProperty("completeness");
        Assert.NotEqual(JsonValueKind.Null, completeness.GetProperty("checkedAt").ValueKind);
        return (completeness.GetProperty("expected").GetInt32(), completeness.GetProperty("present").GetInt32(), completeness.GetProperty("repaired").GetInt32());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.Contracts.Privacy;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Privacy;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests.Privacy;

/// <summary>
/// The privacy rules at sync time, for both providers through the real readers: what a rule keeps out is never stored
/// in any form (no event, no index or participant entry, nothing in any document), and the run's ledger
/// (<c>GET /api/me/links/{linkId}/runs</c>) names the rule with how many items it kept out.
/// </summary>
public sealed class FilteringTests : IAsyncLifetime
{
    private const string Tenant = "tenant-filtering";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private SyncWorld _world = null!;

    public async Task InitializeAsync() => _world = await SyncWorld.StartAsync(Tenant);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Theory]
    [InlineData(SandboxProvider.Microsoft, "microsoft")]
    [InlineData(SandboxProvider.Google, "google")]
    public async Task Mail_and_meetings_whose_only_contacts_are_in_a_blocked_domain_are_never_stored_and_the_ledger_counts_them(SandboxProvider sandbox, string provider)
    {
        var mailbox = $"dana-{provider}@hauler.example";
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = sandbox,
            Messages =
            [
                Message("Blocked domain secret", "pat@customer.example", mailbox, body: "Pat's blocked words"),
                Message("Blocked subdomain secret", "lee@yard.customer.example", mailbox, body: "Lee's blocked words"),
                Message("Mixed company", "pat@customer.example", mailbox, cc: ["rae@partner.example"]),
                Message("Look-alike domain", "kim@evilcustomer.example", mailbox),
            ],
            Events =
            [
                new ScenarioEvent { Subject = "Blocked meeting secret", Start = Now.AddDays(2), End = Now.AddDays(2).AddHours(1), Organizer = mailbox, Attendees = [new ScenarioAttendee { Address = "pat@customer.example" }] },
                new ScenarioEvent { Subject = "Partner meeting", Start = Now.AddDays(3), End = Now.AddDays(3).AddHours(1), Organizer = mailbox, Attendees = [new ScenarioAttendee { Address = "rae@partner.example" }] },
            ],
        });
        var (user, linkId) = await SeedAndLinkAsync(provider, "dana", mailbox);
        await SetPolicyAsync(Policy(blocklist: ["@customer.example"]));

        Assert.True((await _world.RunAsync(linkId)).Ran);

        await using (var session = QuerySession())
        {
            var threads = (await session.Query<EmailThread>().ToListAsync()).ToDictionary(t => t.Subject, StringComparer.Ordinal);
            Assert.Equal(["Look-alike domain", "Mixed company"], threads.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(["ACC-2"], threads["Mixed company"].Accounts.Keys);
            Assert.Equal(["rae@partner.example"], threads["Mixed company"].Accounts["ACC-2"]);
            Assert.Equal("Partner meeting", Assert.Single(await session.Query<Appointment>().ToListAsync()).Title);
        }

        await AssertNothingStoredOfAsync(mailbox, "Blocked domain secret", "Blocked subdomain secret", "Pat's blocked words", "Lee's blocked words", "Blocked meeting secret", "lee@yard.customer.example");
        var run = await LatestRunAsync(user, linkId);
        Assert.Equal(new Dictionary<string, int> { ["blocklist"] = 3 }, Filtered(run));
        Assert.Equal(6, run.GetProperty("scanned").GetInt32());
        Assert.Equal(3, run.GetProperty("matched").GetInt32());
        Assert.Equal(3, run.GetProperty("recorded").GetInt32());
    }

    [Theory]
    [InlineData(SandboxProvider.Microsoft, "microsoft")]
    [InlineData(SandboxProvider.Google, "google")]
    public async Task A_users_own_blocklist_keeps_mail_out_of_their_mailbox_only(SandboxProvider sandbox, string provider)
    {
        var (dana, sam) = ($"dana-{provider}@hauler.example", $"sam-{provider}@hauler.example");
        foreach (var mailbox in new[] { dana, sam })
        {
            await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
            {
                Email = mailbox,
                Provider = sandbox,
                Messages = [Message("Quote for the yard", "pat@customer.example", dana, cc: [sam]) with { InternetMessageId = "<quote-1@customer.example>" }],
            });
        }

        var (danaUser, danaLink) = await SeedAndLinkAsync(provider, "dana", dana);
        var samLink = await _world.LinkAsync(_world.App.ClientFor(Tokens.User(Tenant, "sam")), provider, sam);
        await _world.WaitAsync();
        await AppendPrivacyAsync(new UserPrivacySet("dana", new UserPrivacy(["pat@customer.example"], Visibility.Full), "dana", "not my customer", Now));

        Assert.True((await _world.RunAsync(danaLink)).Ran);
        Assert.Equal(0, await StoredSync.RecordedCountAsync(_world.ConnectionString));
        Assert.Equal(new Dictionary<string, int> { ["blocklist"] = 1 }, Filtered(await LatestRunAsync(danaUser, danaLink)));

        Assert.True((await _world.RunAsync(samLink)).Ran);
        await using var session = QuerySession();
        var thread = Assert.Single(await session.Query<EmailThread>().ToListAsync());
        Assert.Equal(["sam"], thread.Holders.Select(h => h.UserId));
        Assert.Equal(["pat@customer.example"], thread.Accounts["ACC-1"]);
    }

    [Theory]
    [InlineData(SandboxProvider.Microsoft, "microsoft", true)]
    [InlineData(SandboxProvider.Microsoft, "microsoft", false)]
    [InlineData(SandboxProvider.Google, "google", true)]
    [InlineData(SandboxProvider.Google, "google", false)]
    public async Task Internal_only_mail_and_meetings_are_filtered_when_the_policy_excludes_them_and_stored_when_not(SandboxProvider sandbox, string provider, bool exclude)
    {
        var mailbox = $"dana-{provider}@hauler.example";
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = sandbox,
            Messages =
            [
                Message("Internal staffing", mailbox, "ops@hauler.example", cc: ["sam@yard.hauler.example"], folder: "sentitems"),
                Message("Customer with ops", mailbox, "ops@hauler.example", cc: ["pat@customer.example"], folder: "sentitems"),
            ],
            Events = [new ScenarioEvent { Subject = "Internal stand-up", Start = Now.AddDays(1), End = Now.AddDays(1).AddHours(1), Organizer = mailbox, Attendees = [new ScenarioAttendee { Address = "ops@hauler.example" }] }],
        });
        var (user, linkId) = await SeedAndLinkAsync(provider, "dana", mailbox);
        await SetPolicyAsync(Policy(internalDomains: ["hauler.example"], excludeInternal: exclude));

        Assert.True((await _world.RunAsync(linkId)).Ran);

        await using (var session = QuerySession())
        {
            var subjects = (await session.Query<EmailThread>().ToListAsync()).Select(t => t.Subject).Order(StringComparer.Ordinal);
            Assert.Equal(exclude ? ["Customer with ops"] : ["Customer with ops", "Internal staffing"], subjects);
            Assert.Equal(exclude ? 0 : 1, await session.Query<Appointment>().CountAsync());
        }

        var run = await LatestRunAsync(user, linkId);
        Assert.Equal(exclude ? new Dictionary<string, int> { ["internal"] = 2 } : new Dictionary<string, int>(), Filtered(run));
        Assert.Equal(exclude ? 1 : 3, run.GetProperty("matched").GetInt32());
        if (exclude)
        {
            await AssertNothingStoredOfAsync(mailbox, "Internal staffing", "Internal stand-up", "sam@yard.hauler.example");
        }
    }

    [Theory]
    [InlineData(SandboxProvider.Microsoft, "microsoft", true)]
    [InlineData(SandboxProvider.Microsoft, "microsoft", false)]
    [InlineData(SandboxProvider.Google, "google", true)]
    [InlineData(SandboxProvider.Google, "google", false)]
    public async Task Bulk_mail_by_any_header_or_a_no_reply_sender_is_filtered_when_the_policy_excludes_bulk_and_marked_bulk_when_not(
        SandboxProvider sandbox, string provider, bool exclude)
    {
        var mailbox = $"dana-{provider}@hauler.example";
        ScenarioMessage FromPat(string subject, params ScenarioHeader[] headers) => Message(subject, "pat@customer.example", mailbox) with { Headers = headers };
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = sandbox,
            Messages =
            [
                FromPat("Bulk unsubscribe", new ScenarioHeader("List-Unsubscribe", "<mailto:leave@customer.example>")),
                FromPat("Bulk list id", new ScenarioHeader("list-id", "Customer news <news.customer.example>")),
                FromPat("Bulk precedence", new ScenarioHeader("Precedence", "list")),
                FromPat("Bulk auto submitted", new ScenarioHeader("Auto-Submitted", "auto-generated")),
                Message("Bulk no reply", "No-Reply+invoices@customer.example", mailbox, cc: ["pat@customer.example"]),
                FromPat("Personal reply", new ScenarioHeader("Auto-Submitted", "no"), new ScenarioHeader("Precedence", "first-class")),
            ],
            Events = [new ScenarioEvent { Subject = "Meeting from a no-reply organizer", Start = Now.AddDays(1), End = Now.AddDays(1).AddHours(1), Organizer = "noreply@customer.example", Attendees = [new ScenarioAttendee { Address = "pat@customer.example" }, new ScenarioAttendee { Address = mailbox }] }],
        });
        var (user, linkId) = await SeedAndLinkAsync(provider, "dana", mailbox);
        await SetPolicyAsync(Policy(excludeBulk: exclude));

        Assert.True((await _world.RunAsync(linkId)).Ran);

        var recorded = new Dictionary<string, bool>(StringComparer.Ordinal);
        await using (var events = QuerySession())
        {
            foreach (var thread in await events.Query<EmailThread>().ToListAsync())
            {
                foreach (var message in (await events.Events.FetchStreamAsync(thread.Id)).Select(e => e.Data).OfType<ThreadMessageRecorded>())
                {
                    recorded[message.Subject] = message.Bulk;
                }
            }
        }

        if (exclude)
        {
            Assert.Equal(new Dictionary<string, bool> { ["Personal reply"] = false }, recorded);
            await AssertNothingStoredOfAsync(mailbox, "Bulk unsubscribe", "Bulk list id", "Bulk precedence", "Bulk auto submitted", "Bulk no reply", "invoices@customer.example");
        }
        else
        {
            Assert.Equal(6, recorded.Count);
            Assert.All(recorded, m => Assert.Equal(m.Key.StartsWith("Bulk ", StringComparison.Ordinal), m.Value));
        }

        await using (var session = QuerySession())
        {
            Assert.Equal("Meeting from a no-reply organizer", Assert.Single(await session.Query<Appointment>().ToListAsync()).Title); // meetings are never bulk
        }

        var run = await LatestRunAsync(user, linkId);
        Assert.Equal(exclude ? new Dictionary<string, int> { ["bulk"] = 5 } : new Dictionary<string, int>(), Filtered(run));
        Assert.Equal(exclude ? 2 : 7, run.GetProperty("matched").GetInt32());
    }

    [Theory]
    [InlineData("null", false)]
    [InlineData("\"junk\"", false)]
    [InlineData("{\"name\":\"Precedence\",\"value\":\"bulk\"}", false)]
    [InlineData("[\"junk\",null,{\"name\":null,\"value\":\"bulk\"},{\"value\":\"x\"},{\"name\":\"Precedence\"},{\"name\":5,\"value\":true}]", false)]
    [InlineData("[\"junk\",{\"name\":5},{\"name\":\"precedence\",\"value\":\" BULK \"}]", true)]
    public async Task A_missing_or_malformed_Graph_header_list_never_fails_the_message_and_a_readable_bulk_header_in_it_still_counts(string headers, bool bulk)
    {
        const string mailbox = "dana@hauler.example";
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = SandboxProvider.Microsoft,
            Messages = [Message("Odd headers", "pat@customer.example", mailbox, body: "Readable body") with { WireOverrides = new JsonObject { ["internetMessageHeaders"] = JsonNode.Parse(headers) } }],
        });
        var (user, linkId) = await SeedAndLinkAsync("microsoft", "dana", mailbox);
        await SetPolicyAsync(Policy(excludeBulk: true));

        Assert.True((await _world.RunAsync(linkId)).Ran);

        var run = await LatestRunAsync(user, linkId);
        Assert.Equal(0, run.GetProperty("skippedCount").GetInt32());
        Assert.Equal(bulk ? new Dictionary<string, int> { ["bulk"] = 1 } : new Dictionary<string, int>(), Filtered(run));
        await using var session = QuerySession();
        var threads = await session.Query<EmailThread>().ToListAsync();
        if (bulk)
        {
            Assert.Empty(threads);
            return;
        }

        var recorded = Assert.Single((await session.Events.FetchStreamAsync(Assert.Single(threads).Id)).Select(e => e.Data).OfType<ThreadMessageRecorded>());
        Assert.Equal("Readable body", recorded.BodyText);
        Assert.False(recorded.Bulk);
    }

    [Theory]
    [InlineData("null, {\"name\": null, \"value\": \"bulk\"}, {\"value\": \"x\"}, {\"name\": \"Precedence\"}", false)]
    [InlineData("null, {\"name\": null}, {\"name\": \"LIST-ID\", \"value\": null}", true)]
    public async Task Null_or_nameless_Gmail_headers_never_fail_the_message_and_a_readable_bulk_header_among_them_still_counts(string odd, bool bulk)
    {
        const string mailbox = "dana@hauler.example";
        var payload = JsonNode.Parse($$"""
            {
              "partId": "", "mimeType": "text/plain", "filename": "",
              "headers": [{{odd}}, {"name": "From", "value": "pat@customer.example"}, {"name": "To", "value": "{{mailbox}}"}, {"name": "Subject", "value": "Odd headers"}],
              "body": {"size": 13, "data": "{{Convert.ToBase64String("Readable body"u8.ToArray())}}"}
            }
            """);
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = SandboxProvider.Google,
            Messages = [Message("Odd headers", "pat@customer.example", mailbox) with { WireOverrides = new JsonObject { ["payload"] = payload } }],
        });
        var (user, linkId) = await SeedAndLinkAsync("google", "dana", mailbox);
        await SetPolicyAsync(Policy(excludeBulk: true));

        Assert.True((await _world.RunAsync(linkId)).Ran);

        var run = await LatestRunAsync(user, linkId);
        Assert.True(run.GetProperty("skippedCount").GetInt32() == 0, run.GetProperty("skipped").ToString());
        Assert.Equal(bulk ? new Dictionary<string, int> { ["bulk"] = 1 } : new Dictionary<string, int>(), Filtered(run));
        await using var session = QuerySession();
        var threads = await session.Query<EmailThread>().ToListAsync();
        Assert.Equal(bulk ? 0 : 1, threads.Count);
        if (!bulk)
        {
            var recorded = Assert.Single((await session.Events.FetchStreamAsync(threads[0].Id)).Select(e => e.Data).OfType<ThreadMessageRecorded>());
            Assert.Equal("Readable body", recorded.BodyText);
            Assert.False(recorded.Bulk);
        }
    }

    private static ScenarioMessage Message(string subject, string from, string to, string[]? cc = null, string? body = null, string? folder = null) => new()
    {
        Subject = subject,
        From = from,
        To = [to],
        Cc = [.. (cc ?? []).Select(a => (SandboxAddress)a)],
        Body = body ?? subject + " body",
        SentAt = Now.AddDays(-1),
        Folder = folder,
    };

    /// <summary>
    /// The provider enabled, ACC-1 (Pat, pat@customer.example), ACC-2 (Rae at a partner, and Kim and Lee in domains that
    /// look like or sit under the customer's), ACC-3 (ops@hauler.example, a colleague who is a contact); the user's mailbox linked.
    /// </summary>
    private async Task<(HttpClient User, string LinkId)> SeedAndLinkAsync(string provider, string userId, string mailbox)
    {
        await _world.SeedAsync(provider);
        var admin = _world.App.ClientFor(Tokens.Admin(Tenant));
        var partner = new[] { Contact("c2", "rae@partner.example"), Contact("c3", "kim@evilcustomer.example"), Contact("c4", "lee@yard.customer.example") };
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/api/accounts/ACC-2", new { name = "Partner Co", contacts = partner })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/api/accounts/ACC-3", new { name = "Sister Co", contacts = new[] { Contact("c5", "ops@hauler.example") } })).StatusCode);
        var user = _world.App.ClientFor(Tokens.User(Tenant, userId));
        var linkId = await _world.LinkAsync(user, provider, mailbox);
        await _world.WaitAsync();
        return (user, linkId);
    }

    private static object Contact(string id, string email) => new { contactId = id, name = id, email };

    private static PrivacyPolicy Policy(
        IReadOnlyList<string>? blocklist = null, IReadOnlyList<string>? internalDomains = null, bool excludeInternal = false, bool excludeBulk = false) =>
        new(blocklist ?? [], internalDomains ?? [], excludeInternal, excludeBulk, Visibility.Full);

    private Task SetPolicyAsync(PrivacyPolicy policy) => AppendPrivacyAsync(new PrivacyPolicySet(policy, "admin-1", "test policy", Now));

    /// <summary>A change to the tenant's privacy stream, as the settings endpoints append it.</summary>
    private async Task AppendPrivacyAsync(object change)
    {
        await using var session = _world.App.Services.GetRequiredService<IDocumentStore>().LightweightSession(Tenant);
        session.Events.Append(PrivacyState.StreamKey, change);
        await session.SaveChangesAsync();
    }

    private IQuerySession QuerySession() => _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant);

    /// <summary>No stored event or document holds any of <paramref name="secrets"/>, nor the provider id of a message or meeting whose subject is one.</summary>
    private async Task AssertNothingStoredOfAsync(string mailbox, params string[] secrets)
    {
        var snapshot = await _world.Sandbox.Control.GetMailboxAsync(mailbox);
        var ids = snapshot.Messages.Where(m => secrets.Contains(m.Subject)).Select(m => m.Id)
            .Concat(snapshot.Events.Where(e => secrets.Contains(e.Subject)).Select(e => e.Id)).ToList();
        Assert.NotEmpty(ids);
        var stored = string.Join('\n', (await StoredSync.EventsAsync(_world.ConnectionString)).Select(e => e.Data)
            .Concat((await StoredSync.DocumentsAsync(_world.ConnectionString)).Select(d => d.Id + " " + d.Data)));
        foreach (var secret in secrets.Concat(ids))
        {
            Assert.DoesNotContain(secret, stored, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static async Task<JsonElement> LatestRunAsync(HttpClient user, string linkId)
    {
        var runs = await user.GetFromJsonAsync<JsonElement>($"/api/me/links/{linkId}/runs");
        var run = runs.EnumerateArray().First();
        Assert.Equal("completed", run.GetProperty("outcome").GetString());
        return run;
    }

    private static Dictionary<string, int> Filtered(JsonElement run) =>
        run.GetProperty("filtered").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32(), StringComparer.Ordinal);
}

using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Synchronization.IntegrationTests;

/// <summary>
/// Oversized and hostile content through the real readers of both providers: a 5 MB body and a 5 MB description are
/// stored and answered cut to 256 KiB and marked so; a Google description's HTML (a script included) is answered as
/// text; NUL in a subject does not stop the commit (jsonb refuses it).
/// </summary>
public sealed class HostileContentSyncTests : IAsyncLifetime
{
    private const string Tenant = "tenant-hostile";
    private const int FiveMegabytes = 5 * 1024 * 1024;
    private SyncWorld _world = null!;

    public async Task InitializeAsync() => _world = await SyncWorld.StartAsync(Tenant);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Theory]
    [InlineData(SandboxProvider.Microsoft, "microsoft")]
    [InlineData(SandboxProvider.Google, "google")]
    public async Task A_5_MB_body_and_description_are_answered_cut_and_marked_and_HTML_descriptions_as_text(SandboxProvider sandboxProvider, string provider)
    {
        var mailbox = $"dana-{provider}@hauler.example";
        var now = DateTimeOffset.UtcNow;
        var body = new StringBuilder("Start of the quote.\n").Insert(20, "All the line items of the quote, again. ", FiveMegabytes / 40).ToString();
        const string html = "<p>Agenda:&nbsp;<b>yard walk</b></p><script>steal(document.cookie)</script><style>p{}</style><div>Gate 4</div>";
        await _world.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = sandboxProvider,
            Messages = [new ScenarioMessage { Subject = "Quote\u0000 for the yard", From = "pat@customer.example", To = [mailbox], SentAt = now.AddDays(-1), Body = body }],
            Events =
            [
                new ScenarioEvent { Subject = "Long briefing", Start = now.AddDays(2), End = now.AddDays(2).AddHours(1), Organizer = mailbox, Attendees = [new ScenarioAttendee { Address = "pat@customer.example" }], Body = body },
                new ScenarioEvent { Subject = "Yard walk", Start = now.AddDays(3), End = now.AddDays(3).AddHours(1), Organizer = mailbox, Attendees = [new ScenarioAttendee { Address = "pat@customer.example" }], Body = html },
            ],
        });
        await _world.SeedAsync(provider);
        var user = _world.App.ClientFor(Tokens.User(Tenant, $"user-{provider}"));
        var linkId = await _world.LinkAsync(user, provider, mailbox);
        await _world.WaitAsync();

        var run = await _world.RunAsync(linkId);
        Assert.True(run.Ran, run.Reason);
        await _world.WaitAsync();

        string threadId;
        Dictionary<string, string> appointments;
        await using (var session = _world.App.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant))
        {
            threadId = Assert.Single(await session.Query<EmailThread>().ToListAsync()).Id;
            appointments = (await session.Query<Appointment>().ToListAsync()).ToDictionary(a => a.Title, a => a.Id);
        }

        var thread = await user.GetFromJsonAsync<JsonElement>($"/api/emails/{threadId}");
        Assert.Equal("Quote for the yard", thread.GetProperty("subject").GetString());
        var message = thread.GetProperty("messages").EnumerateArray().Single();
        Assert.True(message.GetProperty("bodyTruncated").GetBoolean());
        Assert.StartsWith("Start of the quote.", message.GetProperty("bodyText").GetString(), StringComparison.Ordinal);
        Assert.InRange(Encoding.UTF8.GetByteCount(message.GetProperty("bodyText").GetString()!), 200 * 1024, 256 * 1024);

        var briefing = await user.GetFromJsonAsync<JsonElement>($"/api/appointments/{appointments["Long briefing"]}");
        Assert.True(briefing.GetProperty("descriptionTruncated").GetBoolean());
        Assert.InRange(Encoding.UTF8.GetByteCount(briefing.GetProperty("description").GetString()!), 200 * 1024, 256 * 1024);

        var walk = await user.GetFromJsonAsync<JsonElement>($"/api/appointments/{appointments["Yard walk"]}");
        Assert.False(walk.GetProperty("descriptionTruncated").GetBoolean());
        if (sandboxProvider == SandboxProvider.Google)
        {
            // Google gives descriptions no type and its editor writes HTML: converted, the script and style dropped.
            Assert.Equal("Agenda:\u00a0yard walk\nGate 4", walk.GetProperty("description").GetString());
        }
        else
        {
            // Graph says the body is text (the preference asked for): it is kept as the text it is.
            Assert.Equal(html, walk.GetProperty("description").GetString());
        }

        var largest = await StoredSync.CountAsync(_world.ConnectionString, "SELECT coalesce(max(octet_length(data::text)), 0)::bigint FROM events.mt_events");
        Assert.InRange(largest, 1, 2 * 256 * 1024); // nothing near the 5 MB was stored
    }
}

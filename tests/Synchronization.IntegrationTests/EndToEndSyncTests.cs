using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Tenancy;
using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.Runs;
using NavusoftSync.Synchronization.Threads;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using Npgsql;

namespace NavusoftSync.Synchronization.IntegrationTests;

/// <summary>
/// Link a sandbox mailbox through the real OAuth flow, run its sync with the real readers, and
/// find exactly the contact's email and meeting recorded — nothing of the stranger's.
/// </summary>
public sealed class EndToEndSyncTests : IAsyncLifetime
{
    private const string Tenant = "tenant-e2e";
    private SandboxHost _sandbox = null!;
    private NavusoftApp _app = null!;
    private string _connectionString = string.Empty;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        _connectionString = await PostgresServer.CreateDatabaseAsync("sync");
        var settings = new Dictionary<string, string?>(_sandbox.Urls.ToConfiguration())
        {
            ["Providers:Microsoft:ClientId"] = "e2e-client",
            ["Providers:Microsoft:ClientSecret"] = "e2e-secret",
            ["Providers:Google:ClientId"] = "e2e-google",
            ["Providers:Google:ClientSecret"] = "e2e-google-secret",
        };
        _app = new NavusoftApp(_connectionString, settings);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _sandbox.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_connectionString);
    }

    [Theory]
    [InlineData(SandboxProvider.Microsoft, "microsoft")]
    [InlineData(SandboxProvider.Google, "google")]
    public async Task A_linked_mailbox_syncs_only_what_involves_a_contact_and_a_second_run_adds_nothing(SandboxProvider sandboxProvider, string provider)
    {
        var mailbox = $"dana-{provider}@hauler.example";
        var now = DateTimeOffset.UtcNow;
        await _sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = sandboxProvider,
            Messages =
            [
                new ScenarioMessage { Subject = "Roll-off container swap", From = mailbox, To = ["Pat Customer <Pat@Customer.example>"], SentAt = now.AddDays(-2), Body = "Can we swap the 20-yard tomorrow?", Folder = "sentitems" },
                new ScenarioMessage { Subject = "Private lunch plans", From = "stranger@elsewhere.example", To = [mailbox], SentAt = now.AddDays(-1), Body = "Secret stranger body" },
            ],
            Events =
            [
                new ScenarioEvent { Subject = "Yard walk-through", Start = now.AddDays(3), End = now.AddDays(3).AddHours(1), Organizer = mailbox, Attendees = [new ScenarioAttendee { Address = "pat@customer.example", Name = "Pat" }] },
                new ScenarioEvent { Subject = "Dentist appointment", Start = now.AddDays(4), End = now.AddDays(4).AddHours(1), Organizer = mailbox, Attendees = [new ScenarioAttendee { Address = "dentist@elsewhere.example" }] },
            ],
        });

        var admin = _app.ClientFor(Tokens.Admin(Tenant));
        Assert.Equal(HttpStatusCode.Created, (await admin.PutAsJsonAsync("/api/accounts/ACC-1", new { name = "Customer Co", contacts = new[] { new { contactId = "c1", name = "Pat", email = "pat@customer.example" } } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/admin/providers/{provider}", new { enabled = true, reviewTicket = "TR-42" })).StatusCode);

        var user = _app.ClientFor(Tokens.User(Tenant, $"user-{provider}"));
        var linkId = await LinkAsync(user, provider, mailbox);
        await WaitAsync();

        var first = await RunAsync(linkId);
        Assert.True(first.Ran, first.Reason);

        await using (var session = _app.Services.GetRequiredService<IDocumentStore>().QuerySession(Tenant))
        {
            var thread = Assert.Single(await session.Query<EmailThread>().ToListAsync());
            Assert.Equal("Roll-off container swap", thread.Subject);
            Assert.Equal(["pat@customer.example"], thread.Accounts["ACC-1"]);
            Assert.Contains("swap the 20-yard", thread.Messages[0].BodyText, StringComparison.Ordinal);
            var appointment = Assert.Single(await session.Query<Appointment>().ToListAsync());
            Assert.Equal("Yard walk-through", appointment.Title);
        }

        var dump = await DumpAsync();
        foreach (var secret in new[] { "Private lunch plans", "Secret stranger body", "stranger@elsewhere.example", "Dentist appointment", "dentist@elsewhere.example" })
        {
            Assert.DoesNotContain(secret, dump, StringComparison.OrdinalIgnoreCase);
        }

        var eventsBefore = await CountAsync("SELECT count(*) FROM events.mt_events WHERE type LIKE 'synchronization.thread%' OR type LIKE 'synchronization.appointment%'");
        var second = await RunAsync(linkId);
        Assert.True(second.Ran, second.Reason);
        Assert.Equal(eventsBefore, await CountAsync("SELECT count(*) FROM events.mt_events WHERE type LIKE 'synchronization.thread%' OR type LIKE 'synchronization.appointment%'"));

        var full = await RunFullRoundAsync(linkId); // an expired cursor re-reads everything: counted once all the same
        Assert.True(full.Ran, full.Reason);
        await WaitAsync();
        var link = (await user.GetFromJsonAsync<JsonElement>("/api/me/links")).EnumerateArray().Single(l => l.GetProperty("linkId").GetString() == linkId);
        Assert.Equal("Active", link.GetProperty("status").GetString());
        Assert.Equal(1, link.GetProperty("emailsSynced").GetInt64());
        Assert.Equal(1, link.GetProperty("appointmentsSynced").GetInt64());
        Assert.NotEqual(JsonValueKind.Null, link.GetProperty("lastSyncAt").ValueKind);
    }

    private async Task<string> LinkAsync(HttpClient user, string provider, string mailbox)
    {
        var started = await (await user.PostAsJsonAsync("/api/me/links", new { provider, loginHint = mailbox })).Content.ReadFromJsonAsync<JsonElement>();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var consent = await browser.GetAsync(started.GetProperty("authorizationUrl").GetString());
        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        var callback = await _app.CreateClient().GetAsync(consent.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, callback.StatusCode);
        return (await callback.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("linkId").GetString()!;
    }

    private async Task<RunLinkSyncResult> RunAsync(string linkId)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantScope>().Use(Tenant);
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new RunLinkSync(linkId));
    }

    /// <summary>Forgets the link's cursors (as after a cursor expiry) and runs again: a full round.</summary>
    private async Task<RunLinkSyncResult> RunFullRoundAsync(string linkId)
    {
        await using (var session = _app.Services.GetRequiredService<IDocumentStore>().LightweightSession(Tenant))
        {
            session.Delete<SyncCursors>(linkId);
            await session.SaveChangesAsync();
        }

        return await RunAsync(linkId);
    }

    private Task WaitAsync() => _app.Services.GetRequiredService<IDocumentStore>().WaitForNonStaleProjectionDataAsync(TimeSpan.FromSeconds(30));

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Every text column of every table of the database, as one string.</summary>
    private async Task<string> DumpAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            await using var select = new NpgsqlCommand($"SELECT t::text FROM {table} t", connection);
            await using var rows = await select.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                dump.AppendLine(rows.GetString(0));
            }
        }

        return dump.ToString();
    }
}

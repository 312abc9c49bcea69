using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NavusoftSync.Synchronization.IntegrationTests.Infrastructure;
using NavusoftSync.Synchronization.Runs;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using Xunit.Abstractions;

namespace NavusoftSync.Synchronization.IntegrationTests;

/// <summary>
/// A hostile mailbox, for both providers through their real clients (the Graph SDK, our Gmail and Calendar client)
/// against the sandbox: each case puts one hostile item (or a few) on the same page as a normal message and meeting
/// with a contact. Whatever the hostile item does, the run completes, the link stays <c>Active</c>, the normal items
/// are on the user's calendar, and the hostile item is either recorded or skipped (listed in the link's runs with its
/// provider id); a second run completes too (a poison item is passed for good). Each case prints its row: hostile
/// items recorded, skipped, and the run's time.
/// </summary>
public sealed class HostileMailboxTests(HostileMailboxTests.World world, ITestOutputHelper output) : IClassFixture<HostileMailboxTests.World>
{
    private const string Tenant = "tenant-hostile";
    private const string Pat = "pat@customer.example";

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var provider in new[] { "microsoft", "google" })
        {
            foreach (var name in HostileCases.Names.Where(n => provider == "google" || !HostileCases.GmailOnly.Contains(n)))
            {
                data.Add(provider, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_item_neither_stops_the_link_nor_keeps_the_rest_of_its_page_off_the_calendar(string provider, string name)
    {
        var tag = $"{provider}-{HostileCases.Names.IndexOf(name)}";
        var mailbox = $"dana-{tag}@hauler.example";
        var now = DateTimeOffset.UtcNow;
        var hostile = HostileCases.Build(name, provider, mailbox, now);
        await world.Sync.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = mailbox,
            Provider = provider == "google" ? SandboxProvider.Google : SandboxProvider.Microsoft,
            Messages =
            [
                .. hostile.Messages,
                new ScenarioMessage { Subject = $"Normal page-mate {tag}", From = $"Pat Customer <{Pat}>", To = [mailbox], SentAt = now.AddMinutes(-30), Body = "A normal message." },
            ],
            Events =
            [
                .. hostile.Events,
                new ScenarioEvent { Subject = $"Normal meeting {tag}", Start = now.AddDays(1), End = now.AddDays(1).AddHours(1), Organizer = mailbox, Attendees = [new ScenarioAttendee { Address = Pat, Name = "Pat" }] },
            ],
        });

        var user = world.Sync.App.ClientFor(Tokens.User(Tenant, $"user-{tag}"));
        var linkId = await world.Sync.LinkAsync(user, provider, mailbox);
        await world.Sync.WaitAsync();

        var clock = Stopwatch.StartNew();
        var first = await world.Sync.RunAsync(linkId);
        clock.Stop();
        Assert.True(first.Ran, first.Reason);
        var second = await world.Sync.RunAsync(linkId);
        Assert.True(second.Ran, second.Reason);
        await world.Sync.WaitAsync();

        var link = (await user.GetFromJsonAsync<JsonElement>("/api/me/links")).EnumerateArray().Single(l => l.GetProperty("linkId").GetString() == linkId);
        Assert.Equal("Active", link.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, link.GetProperty("lastSyncError").ValueKind);

        var titles = await CalendarTitlesAsync(user, now);
        Assert.Contains($"Normal page-mate {tag}", titles);
        Assert.Contains($"Normal meeting {tag}", titles);

        if (HostileCases.Crowded.TryGetValue(name, out var crowded))
        {
            // Participants are capped per item: the contact among the first 500 keeps the item on the calendar, the rest are dropped.
            var (title, path, list) = crowded;
            var item = await CalendarItemAsync(user, now, title);
            var details = await user.GetFromJsonAsync<JsonElement>($"/api/{path}/{item.GetProperty("id").GetString()}");
            Assert.InRange(details.GetProperty(list).GetArrayLength(), 2, 500);
        }

        var runs = (await user.GetFromJsonAsync<JsonElement>($"/api/me/links/{linkId}/runs")).EnumerateArray().ToList();
        Assert.Equal(2, runs.Count);
        var run = runs[1]; // newest first: the first run is the older one
        Assert.Equal("completed", run.GetProperty("outcome").GetString());
        var skipped = run.GetProperty("skippedCount").GetInt32();
        var skippedIds = run.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("providerId").GetString()).ToList();
        Assert.Equal(skipped, skippedIds.Count);
        Assert.Equal(skipped, link.GetProperty("itemsSkipped").GetInt64());
        var recorded = run.GetProperty("recorded").GetInt32() - 2; // the normal message and meeting
        Assert.True(recorded + skipped >= 1, $"the hostile item is neither recorded nor skipped (recorded {recorded}, skipped {skipped})");
        if (name == "NUL, bidi and zero-width in addresses and subject")
        {
            Assert.Equal((1, 0), (recorded, skipped)); // cleaned, not lost: a NUL in one address must not keep a contact's message off the calendar
        }

        foreach (var text in run.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("reason").GetString()!))
        {
            Assert.DoesNotContain(Pat, text, StringComparison.OrdinalIgnoreCase); // a reason names no content
            Assert.Contains(text, new[] { RunSentences.Unreadable, RunSentences.NotStorable, RunSentences.NotRecorded }); // a sentence, no type name
        }

        var row = $"| {provider,-9} | {name,-52} | {recorded,8} | {skipped,7} | {clock.Elapsed.TotalMilliseconds,8:0} ms |";
        output.WriteLine("| provider  | case                                                 | recorded | skipped |     time    |");
        output.WriteLine(row);
        World.Rows[(provider, name)] = row;
    }

    [Fact]
    public async Task The_runs_of_a_link_are_its_owners_alone_and_the_limit_is_checked()
    {
        var mailbox = "owner-runs@hauler.example";
        await world.Sync.Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = mailbox, Provider = SandboxProvider.Microsoft });
        var owner = world.Sync.App.ClientFor(Tokens.User(Tenant, "runs-owner"));
        var linkId = await world.Sync.LinkAsync(owner, "microsoft", mailbox);
        await world.Sync.WaitAsync();
        Assert.True((await world.Sync.RunAsync(linkId)).Ran);

        var runs = await owner.GetFromJsonAsync<JsonElement>($"/api/me/links/{linkId}/runs?limit=1");
        var run = Assert.Single(runs.EnumerateArray());
        Assert.Equal("schedule", run.GetProperty("trigger").GetString());
        Assert.Equal(JsonValueKind.Object, run.GetProperty("filtered").ValueKind);

        var stranger = world.Sync.App.ClientFor(Tokens.User(Tenant, "runs-stranger"));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/me/links/{linkId}/runs")).StatusCode);
        var otherTenant = world.Sync.App.ClientFor(Tokens.User("tenant-other", "runs-owner"));
        Assert.Equal(HttpStatusCode.NotFound, (await otherTenant.GetAsync($"/api/me/links/{linkId}/runs")).StatusCode);

        foreach (var limit in new[] { "0", "101", "abc", "-1" })
        {
            var refused = await owner.GetAsync($"/api/me/links/{linkId}/runs?limit={limit}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _), $"limit={limit}: {problem}");
        }
    }

    private static async Task<List<string>> CalendarTitlesAsync(HttpClient user, DateTimeOffset now) =>
        [.. (await CalendarItemsAsync(user, now)).Select(i => i.GetProperty("title").GetString()!)];

    private static async Task<JsonElement> CalendarItemAsync(HttpClient user, DateTimeOffset now, string title) =>
        (await CalendarItemsAsync(user, now)).First(i => i.GetProperty("title").GetString() == title);

    private static async Task<List<JsonElement>> CalendarItemsAsync(HttpClient user, DateTimeOffset now)
    {
        var from = now.AddDays(-7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = now.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var calendar = await user.GetFromJsonAsync<JsonElement>($"/api/me/calendar?from={from}&to={to}&tz=UTC");
        return [.. calendar.GetProperty("days").EnumerateArray().SelectMany(d => d.GetProperty("items").EnumerateArray())];
    }

    /// <summary>One sandbox, database and host for every case (each case links a mailbox of its own); the table of rows is written when it ends.</summary>
    public sealed class World : IAsyncLifetime
    {
        public static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, string), string> Rows = new();

        internal SyncWorld Sync { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            Sync = await SyncWorld.StartAsync(Tenant);
            await Sync.SeedAsync("microsoft");
            var admin = Sync.App.ClientFor(Tokens.Admin(Tenant));
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/admin/providers/google", new { enabled = true, reviewTicket = "TR-42" })).StatusCode);
        }

        public async Task DisposeAsync()
        {
            var table = new StringBuilder("| provider  | case                                                 | recorded | skipped |     time    |\n");
            foreach (var row in Rows.OrderBy(r => r.Key.Item1, StringComparer.Ordinal).ThenBy(r => HostileCases.Names.IndexOf(r.Key.Item2)))
            {
                table.Append(row.Value).Append('\n');
            }

            await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "hostile-corpus.md"), table.ToString());
            await Sync.DisposeAsync();
        }
    }
}

/// <summary>The hostile items of each case, per provider; every one involves the contact (Pat), so it is matched and must be recorded or skipped.</summary>
internal static class HostileCases
{
    private const string Pat = "pat@customer.example";

    public static readonly List<string> Names =
    [
        "5,000 recipients",
        "three reply-all storms on one page (1,497 addresses)",
        "5 MB body",
        "HTML only: unclosed <style>/<script>, 1 MB nested tags",
        "unparsable dates",
        "missing Date header",
        "missing From",
        "unparsable From",
        "invalid charset and invalid UTF-8 / lone surrogates",
        "NUL, bidi and zero-width in addresses and subject",
        "10,000-character subject",
        "deeply nested multiparts",
        "duplicate Message-IDs",
        "event with 2,000 attendees",
        "event whose end precedes its start",
        "recurrence with no end",
        "event whose attendee list holds a null",
    ];

    public static readonly HashSet<string> GmailOnly = ["deeply nested multiparts", "missing Date header"];

    /// <summary>The cases whose item has more participants than the cap: its calendar title, its details path and its participant list.</summary>
    public static readonly Dictionary<string, (string Title, string Path, string List)> Crowded = new()
    {
        ["5,000 recipients"] = ("Reply-all storm", "emails", "participants"),
        ["event with 2,000 attendees"] = ("Town hall", "appointments", "attendees"),
    };

    public sealed record Items(IReadOnlyList<ScenarioMessage> Messages, IReadOnlyList<ScenarioEvent> Events);

    public static Items Build(string name, string provider, string mailbox, DateTimeOffset now)
    {
        var google = provider == "google";
        var sent = now.AddHours(-2);
        ScenarioMessage Message(string subject) => new() { Subject = subject, From = $"Pat Customer <{Pat}>", To = [mailbox], SentAt = sent, Body = "Hostile." };
        ScenarioMessage Raw(string subject, string mime) => Message(subject) with { RawMime = Convert.ToBase64String(Encoding.Latin1.GetBytes(mime)) };
        string Date() => sent.ToString("ddd, d MMM yyyy HH:mm:ss +0000", CultureInfo.InvariantCulture);

        return name switch
        {
            "5,000 recipients" => new([Message("Reply-all storm") with { To = [mailbox, .. Enumerable.Range(0, 4999).Select(i => (SandboxAddress)$"r{i}@storm.example")] }], []),
            "three reply-all storms on one page (1,497 addresses)" => new(
                [.. Enumerable.Range(0, 3).Select(s => Message($"Storm {s}") with { To = [mailbox, .. Enumerable.Range(0, 497).Select(i => (SandboxAddress)$"s{s}-{i}@storm.example")] })], []),
            "5 MB body" => new([Message("Five megabytes") with { Body = string.Concat(Enumerable.Repeat("0123456789abcdef ", 5 * 1024 * 1024 / 17)) }], []),
            "HTML only: unclosed <style>/<script>, 1 MB nested tags" => google
                ? new([Raw("HTML only", $"From: Pat <{Pat}>\r\nTo: {mailbox}\r\nSubject: HTML only\r\nDate: {Date()}\r\nMessage-ID: <html-only@customer.example>\r\nContent-Type: text/html; charset=\"UTF-8\"\r\n\r\n{HostileHtml()}\r\n")], [])
                : new([Message("HTML only") with { Body = string.Empty, BodyHtml = HostileHtml() }], []),
            "unparsable dates" => new([Message("Bad dates") with { InvalidDates = true }], []),
            "missing Date header" => new([Raw("No date", $"From: Pat <{Pat}>\r\nTo: {mailbox}\r\nSubject: No date\r\nMessage-ID: <no-date@customer.example>\r\nContent-Type: text/plain\r\n\r\nNo date.\r\n")], []),
            "missing From" => google
                ? new([Raw("No From", $"To: {mailbox}, {Pat}\r\nSubject: No From\r\nDate: {Date()}\r\nMessage-ID: <no-from@customer.example>\r\nContent-Type: text/plain\r\n\r\nNobody sent this.\r\n")], [])
                : new([Message("No From") with { To = [mailbox, Pat], WireOverrides = new JsonObject { ["from"] = null, ["sender"] = null } }], []),
            "unparsable From" => google
                ? new([Raw("Odd From", $"From: <<<@@@>>> \"unclosed <\r\nTo: {mailbox}, {Pat}\r\nSubject: Odd From\r\nDate: {Date()}\r\nMessage-ID: <odd-from@customer.example>\r\nContent-Type: text/plain\r\n\r\nOdd.\r\n")], [])
                : new([Message("Odd From") with
                {
                    To = [mailbox, Pat],
                    WireOverrides = new JsonObject
                    {
                        ["from"] = new JsonObject { ["emailAddress"] = new JsonObject { ["name"] = "\u202Egnp.exe", ["address"] = "<<<@@@>>>" } },
                        ["sender"] = new JsonObject { ["emailAddress"] = new JsonObject() },
                    },
                }], []),
            "invalid charset and invalid UTF-8 / lone surrogates" => google
                ? new([Raw("Charsets", $"From: Pat <{Pat}>\r\nTo: {mailbox}\r\nSubject: caf\u00C3\u0028 \u00FF\u00FE\r\nDate: {Date()}\r\nMessage-ID: <charset@customer.example>\r\nContent-Type: multipart/mixed; boundary=\"cs\"\r\n\r\n--cs\r\nContent-Type: text/plain; charset=\"x-no-such-charset\"\r\n\r\nBody \u00C3\u0028\u00A0\u00A1 \u00F0\u0028\u008C\u00BC\r\n--cs\r\nContent-Type: text/plain; charset=utf-7\r\nContent-Transfer-Encoding: base64\r\n\r\n/////w==\r\n--cs--\r\n")], [])
                : new([Message("Surrogates \uD800 here") with { Body = "Lone \uDFFF surrogate", WireOverrides = new JsonObject { ["bodyPreview"] = "\uD800" } }], []),
            "NUL, bidi and zero-width in addresses and subject" => new(
                [Message("Invoice\u0000\u202Efdp.exe\u200B") with
                {
                    From = new SandboxAddress(Pat, "Pat\u0000\u202E"),
                    To = [mailbox, new SandboxAddress("\u200Bzero@width.example", "\u200F"), new SandboxAddress("nul\u0000@x.example", "N\u0000")],
                }],
                []),
            "10,000-character subject" => new([Message(string.Concat(Enumerable.Repeat("Long subject ", 10_000 / 13 + 1))[..10_000])], []),
            "deeply nested multiparts" => new([Raw("Deep", $"From: Pat <{Pat}>\r\nTo: {mailbox}\r\nSubject: Deep\r\nDate: {Date()}\r\nMessage-ID: <deep@customer.example>\r\n{Nested(0, 120)}")], []),
            "duplicate Message-IDs" => new(
                [
                    Message("Genuine") with { InternetMessageId = "<dup@customer.example>", Body = "The genuine text.", Thread = "dup-1" },
                    Message("Forged") with { InternetMessageId = "<dup@customer.example>", Body = "The forged text.", SentAt = sent.AddMinutes(5), Thread = "dup-2" },
                ],
                []),
            "event with 2,000 attendees" => new([], [Event("Town hall", now) with
            {
                Attendees = [new ScenarioAttendee { Address = Pat, Name = "Pat" }, .. Enumerable.Range(0, 1999).Select(i => new ScenarioAttendee { Address = $"a{i}@crowd.example" })],
            }]),
            "event whose end precedes its start" => new([], [Event("Backwards", now) with
            {
                WireOverrides = new JsonObject
                {
                    ["end"] = google
                        ? new JsonObject { ["dateTime"] = now.AddDays(2).AddHours(-3).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" }
                        : new JsonObject { ["dateTime"] = now.AddDays(2).AddHours(-3).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" },
                },
            }]),
            "recurrence with no end" => new([], [Event("Forever weekly", now) with { Recurrence = new ScenarioRecurrence { Frequency = RecurrenceFrequency.Weekly, Interval = 1 } }]),
            "event whose attendee list holds a null" => new([], [Event("Null attendee", now) with
            {
                WireOverrides = new JsonObject
                {
                    ["attendees"] = google
                        ? new JsonArray(null, new JsonObject { ["email"] = Pat, ["responseStatus"] = "accepted" })
                        : new JsonArray(null, new JsonObject { ["type"] = "required", ["emailAddress"] = new JsonObject { ["address"] = Pat }, ["status"] = new JsonObject { ["response"] = "accepted" } }),
                },
            }]),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown case"),
        };
    }

    private static ScenarioEvent Event(string subject, DateTimeOffset now) => new()
    {
        Subject = subject,
        Start = now.AddDays(2),
        End = now.AddDays(2).AddHours(1),
        Attendees = [new ScenarioAttendee { Address = Pat, Name = "Pat" }],
    };

    /// <summary>HTML with an unclosed &lt;style&gt; and &lt;script&gt; and about 1 MB of nested, never-closed tags.</summary>
    private static string HostileHtml() =>
        "<html><body><p>Hello</p><style>p { color: red } <script>var a = '<' + '/style>';" +
        string.Concat(Enumerable.Repeat("<div><span><b>", 1024 * 1024 / 14)) + "text";

    private static string Nested(int depth, int max) => depth == max
        ? "Content-Type: text/plain; charset=\"UTF-8\"\r\n\r\nAt the bottom.\r\n"
        : $"Content-Type: multipart/mixed; boundary=\"b{depth}\"\r\n\r\n--b{depth}\r\n{Nested(depth + 1, max)}--b{depth}--\r\n";
}

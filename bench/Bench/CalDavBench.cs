using System.Diagnostics;
using System.Globalization;
using System.Text;
using NavusoftSync.Testing;

namespace NavusoftSync.Bench;

// CalDAV benchmark: a Radicale calendar (the test servers, scripts/mailservers.sh) of N events, a fifth of them weekly
// series (RRULE with an EXDATE), the rest single, about 10% with a contact attendee, all inside the sync window; linked
// through the host's POST /api/me/links {provider: "imap", caldav: {...}}; the first sync, then new and changed events
// and an incremental sync requested over HTTP. Prints; no assertions.
//   dotnet run -c Release --project bench/Bench -- caldav [--events 2000] [--incremental 100] [--accounts 400] [--seed-only]
internal static class CalDavBench
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(30);
    private const int Parallel = 8;

    public static async Task RunAsync(string[] args)
    {
        string? Text(string name) => Array.IndexOf(args, $"--{name}") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        var events = int.TryParse(Text("events"), CultureInfo.InvariantCulture, out var e) ? e : 2_000;
        var incremental = int.TryParse(Text("incremental"), CultureInfo.InvariantCulture, out var i) ? i : 100;
        var accounts = int.TryParse(Text("accounts"), CultureInfo.InvariantCulture, out var a) ? a : 400;
        var mailbox = await TestMailbox.CreateAsync(CancellationToken.None);
        var calendar = await mailbox.CreateCalendarAsync("bench", CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        Console.WriteLine($"CalDAV benchmark: {events:N0} events then {incremental:N0} new and {incremental / 2:N0} changed; {Environment.ProcessorCount} cores; load {SyncBench.Load()}");
        var took = await PutAsync(mailbox, calendar, Enumerable.Range(0, events).Select(n => (n, Ics(n, accounts, now, revision: 0))));
        Console.WriteLine($"Seeded {calendar}: {events:N0} events ({events / 5:N0} series) in {took.TotalSeconds:N1} s ({events / Math.Max(0.001, took.TotalSeconds):N0} PUTs/s).");
        if (args.Contains("--seed-only"))
        {
            return;
        }

        var connectionString = await PostgresServer.CreateDatabaseAsync("caldavbench");
        try
        {
            await using var bench = await PasswordLinkBench.StartAsync(connectionString, "imap", accounts);
            var imap = mailbox.Imap();
            var calDav = mailbox.CalDav();
            var body = new
            {
                provider = "imap",
                address = mailbox.Address,
                imap = new { host = imap.Host, port = imap.Port, security = "ssl", username = imap.Username, password = imap.Password },
                caldav = new { url = calDav.CalendarHomeUrl, username = calDav.Username, password = calDav.Password },
            };
            var (linkId, first) = await bench.LinkAndSyncAsync(body, RunTimeout);
            await bench.SettleAsync(linkId, RunTimeout);

            var changes = Enumerable.Range(events, incremental).Select(n => (n, Ics(n, accounts, now, revision: 0)))
                .Concat(Enumerable.Range(0, incremental / 2).Select(n => (n * 7 % events, Ics(n * 7 % events, accounts, now, revision: 1))));
            var added = await PutAsync(mailbox, calendar, changes);
            Console.WriteLine($"Put {incremental:N0} new and {incremental / 2:N0} changed events in {added.TotalSeconds:N1} s.");
            var second = await bench.SyncAsync(linkId, RunTimeout);

            Console.WriteLine();
            Console.WriteLine($"===== CalDAV benchmark: {events:N0} events / {incremental:N0} new + {incremental / 2:N0} changed (load {SyncBench.Load()}) =====");
            PasswordLinkBench.Print("first sync", first, mail: false);
            PasswordLinkBench.Print("incremental sync", second, mail: false);
            bench.PrintMemory();
            Console.WriteLine($"GET /api/me/links:     {await bench.Run.LinksAsync()}");
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    private static async Task<TimeSpan> PutAsync(TestMailbox mailbox, Uri calendar, IEnumerable<(int N, string Ics)> events)
    {
        var watch = Stopwatch.StartNew();
        await System.Threading.Tasks.Parallel.ForEachAsync(events, new ParallelOptions { MaxDegreeOfParallelism = Parallel }, async (item, ct) =>
            await mailbox.PutEventAsync(calendar, $"bench-{item.N}.ics", item.Ics, ct));
        return watch.Elapsed;
    }

    /// <summary>Event <paramref name="n"/>: every fifth a weekly series of 8 with its third occurrence excluded; a tenth with a contact attendee.</summary>
    internal static string Ics(int n, int accounts, DateTimeOffset now, int revision)
    {
        var start = now.UtcDateTime.Date.AddDays(-10 + (n % 150)).AddHours(8 + (n % 9));
        var series = n % 5 == 0;
        var attendee = n % 10 == 3 ? SyncData.ContactAddress(n % accounts, n % 5) : $"guest{n % 997}@elsewhere.example";
        var ics = new StringBuilder()
            .Append("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//NavusoftSync//Bench//EN\r\nBEGIN:VEVENT\r\n")
            .Append(CultureInfo.InvariantCulture, $"UID:bench-{n}@hauler.example\r\nDTSTAMP:{now.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}\r\nSEQUENCE:{revision}\r\n")
            .Append(CultureInfo.InvariantCulture, $"DTSTART:{start:yyyyMMdd'T'HHmmss'Z'}\r\nDTEND:{start.AddMinutes(45):yyyyMMdd'T'HHmmss'Z'}\r\n")
            .Append(CultureInfo.InvariantCulture, $"SUMMARY:{(revision > 0 ? "Moved: " : string.Empty)}Dock meeting {n}\r\n")
            .Append(CultureInfo.InvariantCulture, $"ORGANIZER:mailto:dispatch@hauler.example\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:{attendee}\r\n");
        if (series)
        {
            ics.Append("RRULE:FREQ=WEEKLY;COUNT=8\r\n").Append(CultureInfo.InvariantCulture, $"EXDATE:{start.AddDays(14):yyyyMMdd'T'HHmmss'Z'}\r\n");
        }

        return ics.Append("END:VEVENT\r\nEND:VCALENDAR\r\n").ToString();
    }
}

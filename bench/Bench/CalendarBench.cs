using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using JasperFx.Events.Daemon;
using Marten;
using Marten.Events;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Calendar.Contracts;
using NavusoftSync.Calendar.Projections;
using NavusoftSync.Calendar.Viewing;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Testing;

namespace NavusoftSync.Bench;

// Calendar benchmark. One account and one user with 5 years of history (threads and
// appointments, every one held by the user and matched to the account), appended straight to the
// event store with the daemon off; then a host with the daemon on (Solo) catches the projections
// up, timed; then concurrent clients over HTTP on Kestrel read month views and day lists of both
// calendars. Prints its figures; no assertions.
//   dotnet run -c Release --project bench/Bench -- calendar [--threads 20000] [--appointments 5000] [--clients 16] [--seconds 20] [--keep]
// (--keep: leave the bench database for inspection.)
internal static class CalendarBench
{
    private const string Tenant = "bench-tenant";
    private const string User = "user-bench";
    private const string Account = "acc-bench";
    private static readonly DateOnly FirstDay = new(2021, 12, 1);
    private const int Days = 5 * 365;
    private static readonly string[] Zones = ["UTC", "America/Chicago", "Europe/London", "Australia/Sydney"];

    public static async Task RunAsync(string[] args)
    {
        var options = CalendarOptions.Parse(args);
        var connectionString = await PostgresServer.CreateDatabaseAsync("bench");
        try
        {
            var events = await SeedAsync(connectionString, options);

            await using var app = new NavusoftApp(connectionString, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error", ["Marten:DaemonMode"] = "Solo" });
            var port = FreePort();
            app.UseKestrel(port);
            var catchUp = Stopwatch.StartNew();
            app.StartServer();
            var store = app.Services.GetRequiredService<IDocumentStore>();
            var calendarSeconds = await WaitForCalendarAsync(store, events.Ceiling, catchUp);
            await store.WaitForNonStaleProjectionDataAsync(TimeSpan.FromMinutes(10));
            var allSeconds = catchUp.Elapsed.TotalSeconds;
            Console.WriteLine($"projection catch-up:  calendar projection {calendarSeconds:N1} s for {events.Count:N0} events ({events.Count / calendarSeconds:N0} events/s); every projection and subscription of the host {allSeconds:N1} s");

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients * 2 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Issue(Tokens.User(Tenant, User), TimeSpan.FromHours(4)));
            await ExplainAsync(connectionString);
            var cache = app.Services.GetRequiredService<CalendarAnswerCache>();
            var sample = await http.GetStringAsync($"/api/me/calendar?from=2024-03-01&to=2024-03-31&tz=Europe/London");
            Console.WriteLine($"a month view of the user: {sample.Length / 1024.0:N1} KiB, {CountOf(sample, "\"kind\"")} items");

            await LoadAsync(http, cache, connectionString, options, "warm-up", Months, TimeSpan.FromSeconds(3), print: false);
            await LoadAsync(http, cache, connectionString, options, "warm-up", DayLists, TimeSpan.FromSeconds(2), print: false);
            Console.WriteLine($"{options.Clients} concurrent clients over HTTP, {options.Seconds} s per phase (load: {Load()})");
            Console.WriteLine("repeated views (59 months or 1,825 days x 2 calendars x 4 zones, asked at random):");
            await LoadAsync(http, cache, connectionString, options, "month views", Months, TimeSpan.FromSeconds(options.Seconds), print: true);
            await LoadAsync(http, cache, connectionString, options, "day lists", DayLists, TimeSpan.FromSeconds(options.Seconds), print: true);
            Console.WriteLine("views never asked before (each request a new range, calendar or zone):");
            var fresh = new FreshViews();
            await LoadAsync(http, cache, connectionString, options, "month views", fresh.Month, TimeSpan.FromSeconds(options.Seconds), print: true);
            await LoadAsync(http, cache, connectionString, options, "day lists", fresh.Day, TimeSpan.FromSeconds(options.Seconds), print: true);
            Console.WriteLine($"load after: {Load()}");
        }
        finally
        {
            if (options.Keep)
            {
                Console.WriteLine($"kept the database: {new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database}");
            }
            else
            {
                await PostgresServer.DropDatabaseAsync(connectionString);
            }
        }
    }

    /// <summary>
    /// The plan PostgreSQL chooses for a month view's entries query, and what it costs there: the
    /// second run on the connection (a new backend's first touch of the shared buffers costs tens of
    /// milliseconds of page faults on this VM; the pooled backends of the host have paid it).
    /// </summary>
    private static async Task ExplainAsync(string connectionString)
    {
        var window = EntryWindow.For(new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31), TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var plan = new List<string>();
        for (var run = 0; run < 2; run++)
        {
            plan.Clear();
            await using var explain = new Npgsql.NpgsqlCommand($"EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) {CalendarReader.EntriesSql}", connection)
            {
                Parameters = { new() { Value = Tenant }, new() { Value = CalendarOwners.User(User) }, new() { Value = window.FirstKey }, new() { Value = window.EndKey } },
            };
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        Console.WriteLine($"month view entries query: {CalendarReader.EntriesSql}");
        plan.ForEach(line => Console.WriteLine($"  {line}"));
    }

    private static string Months(Random random)
    {
        var month = FirstDay.AddMonths(random.Next(59));
        var owner = random.Next(2) == 0 ? "me" : $"accounts/{Account}";
        var last = month.AddMonths(1).AddDays(-1);
        return $"/api/{owner}/calendar?from={month:yyyy-MM-dd}&to={last:yyyy-MM-dd}&tz={Zones[random.Next(Zones.Length)]}";
    }

    private static string DayLists(Random random)
    {
        var day = FirstDay.AddDays(random.Next(Days));
        var owner = random.Next(2) == 0 ? "me" : $"accounts/{Account}";
        return $"/api/{owner}/calendar/days/{day:yyyy-MM-dd}?tz={Zones[random.Next(Zones.Length)]}";
    }

    private static async Task LoadAsync(
        HttpClient http, CalendarAnswerCache cache, string connectionString, CalendarOptions options, string name, Func<Random, string> path, TimeSpan duration, bool print)
    {
        var latencies = new List<double>[options.Clients];
        var (hitsBefore, missesBefore) = (cache.Hits, cache.Misses);
        var cpu = await CpuMeter.StartAsync(connectionString);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async client =>
        {
            var random = new Random(client * 7919 + name.Length);
            var mine = latencies[client] = [];
            while (watch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(path(random), HttpCompletionOption.ResponseContentRead);
                response.EnsureSuccessStatusCode();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var seconds = watch.Elapsed.TotalSeconds;
        var (hostCpu, dbCpu) = await cpu.StopAsync();
        if (!print)
        {
            return;
        }

        var all = latencies.SelectMany(l => l).Order().ToArray();
        Console.WriteLine($"  {name,-12} {all.Length / seconds,7:N0} req/s  p50 {Percentile(all, 0.50),6:N1} ms  p95 {Percentile(all, 0.95),6:N1} ms  p99 {Percentile(all, 0.99),6:N1} ms  ({all.Length:N0} requests)");
        Console.WriteLine($"  {string.Empty,-12} answer cache: {cache.Hits - hitsBefore:N0} hits, {cache.Misses - missesBefore:N0} misses");
        Console.WriteLine($"  {string.Empty,-12} CPU per request: bench process (server and clients) {hostCpu / all.Length:N2} ms, PostgreSQL {dbCpu / all.Length:N2} ms; {(double)cpu.Work[0] / all.Length:N0} buffer accesses; load {Load()}");
    }

    /// <summary>
    /// Requests that never repeat (so no answer of an earlier request can serve them): a shared
    /// counter walks through (zone, calendar, first day, length) combinations, 12 zones x 2 calendars
    /// x 1,825 days (x 4 lengths of 28–31 days for month views).
    /// </summary>
    private sealed class FreshViews
    {
        private static readonly string[] ManyZones =
        [
            "UTC", "America/Chicago", "Europe/London", "Australia/Sydney", "America/New_York", "America/Los_Angeles",
            "Europe/Berlin", "Asia/Tokyo", "Asia/Kolkata", "Pacific/Auckland", "America/Sao_Paulo", "Africa/Johannesburg",
        ];

        private int _next = -1;

        public string Month(Random random)
        {
            var (owner, day, zone, length) = Next();
            var first = FirstDay.AddDays(day);
            return $"/api/{owner}/calendar?from={first:yyyy-MM-dd}&to={first.AddDays(27 + length % 4):yyyy-MM-dd}&tz={zone}";
        }

        public string Day(Random random)
        {
            var (owner, day, zone, _) = Next();
            return $"/api/{owner}/calendar/days/{FirstDay.AddDays(day):yyyy-MM-dd}?tz={zone}";
        }

        private (string Owner, int Day, string Zone, int Length) Next()
        {
            var n = Interlocked.Increment(ref _next);
            var zone = ManyZones[n % ManyZones.Length];
            n /= ManyZones.Length;
            var owner = n % 2 == 0 ? "me" : $"accounts/{Account}";
            n /= 2;
            return (owner, n % Days, zone, n / Days);
        }
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))];

    private static async Task<(long Count, long Ceiling)> SeedAsync(string connectionString, CalendarOptions options)
    {
        // A host without daemon: the store registers the event types; nothing projects while we append.
        await using var seeder = new NavusoftApp(connectionString, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error", ["Marten:DaemonMode"] = "Disabled" });
        var store = seeder.Services.GetRequiredService<IDocumentStore>();
        using (var admin = seeder.CreateClient())
        {
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Issue(Tokens.Admin(Tenant)));
            var contacts = Enumerable.Range(0, 50).Select(c => new { contactId = $"c{c}", name = $"Pat {c}", email = $"pat{c}@customer.example" }).ToArray();
            (await admin.PutAsJsonAsync($"/api/accounts/{Account}", new { name = "Bench Customer", contacts })).EnsureSuccessStatusCode();
        }

        var random = new Random(42);
        var at = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
        var watch = Stopwatch.StartNew();
        long count = 0;
        const int streamsPerBatch = 1000;

        for (var batch = 0; batch < options.Threads; batch += streamsPerBatch)
        {
            await using var session = store.LightweightSession(Tenant);
            for (var i = batch; i < Math.Min(options.Threads, batch + streamsPerBatch); i++)
            {
                var key = $"thread-bench-{i:D6}";
                var sent = Instant(random);
                var contact = new Participant("Pat Customer", $"pat{i % 50}@customer.example");
                var me = new Participant("Dana User", "dana@hauler.example");
                object[] stream =
                [
                    new ThreadMessageRecorded(key, "m1", $"Order {i}: container swap", me, [contact], [], sent, "Can we swap the container on Friday?", Body(i), at),
                    new ThreadMessageRecorded(key, "m2", $"RE: Order {i}: container swap", contact, [me], [], sent.AddHours(random.Next(1, 48)), "Friday works.", Body(i), at),
                    new ThreadMessageHeld(key, "m1", User, "link-bench", at),
                    new ThreadMessageHeld(key, "m2", User, "link-bench", at),
                    new ThreadAccountMatched(key, Account, [contact.Address], at),
                ];
                session.Events.Append(key, stream);
                count += stream.Length;
            }

            await session.SaveChangesAsync();
        }

        for (var batch = 0; batch < options.Appointments; batch += streamsPerBatch)
        {
            await using var session = store.LightweightSession(Tenant);
            for (var i = batch; i < Math.Min(options.Appointments, batch + streamsPerBatch); i++)
            {
                var key = $"appt-bench-{i:D6}";
                var start = Instant(random);
                var allDay = i % 10 == 0;
                var (from, to) = allDay
                    ? (When.On(DateOnly.FromDateTime(start.UtcDateTime)), When.On(DateOnly.FromDateTime(start.UtcDateTime).AddDays(1)))
                    : (When.At(start), When.At(start.AddHours(1)));
                object[] stream =
                [
                    new AppointmentScheduled(key, $"Site visit {i}", from, to, allDay, "Yard 3", new Participant("Dana User", "dana@hauler.example"),
                        [new Attendee("Pat Customer", $"pat{i % 50}@customer.example", "accepted")], "Look at the bins", at),
                    new AppointmentHeld(key, User, "link-bench", at),
                    new AppointmentAccountMatched(key, Account, [$"pat{i % 50}@customer.example"], at),
                ];
                session.Events.Append(key, stream);
                count += stream.Length;
            }

            await session.SaveChangesAsync();
        }

        var ceiling = (await store.Advanced.FetchEventStoreStatistics()).EventSequenceNumber;
        Console.WriteLine($"seeded {options.Threads:N0} threads and {options.Appointments:N0} appointments ({count:N0} events) over 5 years in {watch.Elapsed.TotalSeconds:N1} s");
        return (count, ceiling);
    }

    private static async Task<double> WaitForCalendarAsync(IDocumentStore store, long ceiling, Stopwatch since)
    {
        while (since.Elapsed < TimeSpan.FromMinutes(10))
        {
            var progress = await store.Advanced.AllProjectionProgress();
            if (progress.Any(p => p.ShardName.StartsWith(CalendarProjectionNames.Calendar, StringComparison.Ordinal) && p.Sequence >= ceiling))
            {
                return since.Elapsed.TotalSeconds;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The calendar projection did not catch up in 10 minutes.");
    }

    private static DateTimeOffset Instant(Random random) =>
        new DateTimeOffset(FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddMinutes(random.Next(Days * 24 * 60));

    private static string Body(int i) => $"Hello Pat,\n\nabout order {i}: the 20 yard container at the yard needs a swap. Please confirm the slot.\n\nDana";

    private static int CountOf(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal sealed record CalendarOptions(int Threads, int Appointments, int Clients, int Seconds, bool Keep)
{
    public static CalendarOptions Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            var at = Array.IndexOf(args, $"--{name}");
            return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : fallback;
        }

        return new(Get("threads", 20_000), Get("appointments", 5_000), Get("clients", 16), Get("seconds", 20), args.Contains("--keep"));
    }
}

using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.ContactDirectory.Accounts;
using NavusoftSync.ContactDirectory.Accounts.Searching;
using NavusoftSync.Testing;
using Weasel.Core;

namespace NavusoftSync.Bench;

// Account search benchmark: 100,000 accounts in one tenant (and two smaller tenants beside it) bulk-inserted
// through Marten, then concurrent clients issuing picker queries over HTTP on Kestrel for a fixed time.
// Prints latency percentiles and requests per second; no assertions. Target: p95 under 20 ms with 16 clients.
//   dotnet run -c Release --project bench/Bench -- search [--accounts 100000] [--clients 16] [--seconds 25] [--warmup 3] [--keep] [--reuse CONNECTION-STRING]
// --keep leaves the seeded database in place (its connection string is printed) for EXPLAIN (ANALYZE, BUFFERS) afterwards;
// --reuse CONNECTION-STRING searches a database a --keep run left (same --accounts) instead of seeding again: the host migrates its schema at start and
// fills the name words and word rows of rows written before a change, and the word dictionary and word rows are filled (bulk inserts write no events).
internal static class AccountSearchBench
{
    private const string Tenant = "bench-search";

    public static async Task RunAsync(string[] args)
    {
        var options = AccountSearchOptions.Parse(args);
        var connectionString = options.Reuse ?? await PostgresServer.CreateDatabaseAsync("bench");
        try
        {
            await using var app = new NavusoftApp(connectionString, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error", ["Marten:DaemonMode"] = "Disabled" });
            var port = FreePort();
            app.UseKestrel(port);
            app.StartServer();

            var store = app.Services.GetRequiredService<IDocumentStore>();
            var sample = options.Reuse is null ? await SeedAsync(store, connectionString, options.Accounts) : await RefreshAsync(store, connectionString, options.Accounts);
            var queries = AccountSearchBenchData.Queries(sample, 5_000, seed: 7);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients * 2 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Issue(Tokens.User(Tenant), TimeSpan.FromHours(4)));

            await RunClientsAsync(http, queries, options.Clients, TimeSpan.FromSeconds(options.Warmup));
            Console.WriteLine($"Searching with {options.Clients} concurrent clients over HTTP for {options.Seconds} s ({queries.Length:N0} distinct queries: prefixes, two-word prefixes, typos, addresses, address prefixes, domains)...");
            var cpu = await CpuMeter.StartAsync(connectionString);
            var watch = Stopwatch.StartNew();
            var run = await RunClientsAsync(http, queries, options.Clients, TimeSpan.FromSeconds(options.Seconds));
            watch.Stop();
            var (hostCpu, dbCpu) = await cpu.StopAsync();
            Report(run, watch.Elapsed);
            Console.WriteLine($"CPU/search:   host and clients {hostCpu / Math.Max(1, run.Latencies.Count):N2} ms, PostgreSQL {dbCpu / Math.Max(1, run.Latencies.Count):N2} ms; {(double)cpu.Work[0] / Math.Max(1, run.Latencies.Count):N0} buffer accesses per search");
        }
        finally
        {
            if (options.Keep || options.Reuse is not null)
            {
                Console.WriteLine($"Database kept: {connectionString}");
            }
            else
            {
                await PostgresServer.DropDatabaseAsync(connectionString);
            }
        }
    }

    /// <summary>The accounts of three tenants through Marten's bulk insert (the snapshot rows with their duplicated search columns); a sample of the main tenant's for the queries.</summary>
    private static async Task<IReadOnlyList<Account>> SeedAsync(IDocumentStore store, string connectionString, int count)
    {
        var watch = Stopwatch.StartNew();
        var main = AccountSearchBenchData.Accounts("acc", count, seed: 42).ToList();
        await store.BulkInsertAsync(Tenant, main, BulkInsertMode.InsertsOnly, 5_000);
        foreach (var (tenant, seed) in new[] { ("bench-search-b", 43), ("bench-search-c", 44) })
        {
            await store.BulkInsertAsync(tenant, AccountSearchBenchData.Accounts("acc", count / 10, seed).ToList(), BulkInsertMode.InsertsOnly, 5_000);
        }

        await FillDictionaryAsync(store, connectionString);
        Console.WriteLine($"Seeded {count:N0} accounts ({main.Sum(a => a.Contacts.Count):N0} contacts) plus 2 x {count / 10:N0} in other tenants in {watch.Elapsed.TotalSeconds:N1} s.");
        return main;
    }

    /// <summary>
    /// A kept database: the host fills the name words of rows written before a schema change at start
    /// (<c>AccountSearchWordsBackfill</c>); the dictionary is refilled (idempotent) and the same deterministic sample drawn.
    /// </summary>
    private static async Task<IReadOnlyList<Account>> RefreshAsync(IDocumentStore store, string connectionString, int count)
    {
        var watch = Stopwatch.StartNew();
        await FillDictionaryAsync(store, connectionString);
        Console.WriteLine($"Reused the kept database (dictionary filled) in {watch.Elapsed.TotalSeconds:N1} s.");
        return AccountSearchBenchData.Accounts("acc", count, seed: 42).ToList();
    }

    /// <summary>
    /// Bulk inserts write no events, so the word dictionary and the word rows the typo match reads are filled from the rows (as
    /// for a database that predates them), then vacuumed and analyzed as autovacuum would (the word rows are read index-only).
    /// </summary>
    private static async Task FillDictionaryAsync(IDocumentStore store, string connectionString)
    {
        await using (var session = store.LightweightSession())
        {
            await session.ExecuteAsync(new Npgsql.NpgsqlCommand(AccountSearchWords.Backfill));
            await session.ExecuteAsync(new Npgsql.NpgsqlCommand(AccountSearchEntries.Backfill));
        }

        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var vacuum = new Npgsql.NpgsqlCommand($"vacuum analyze contact_directory.mt_doc_account, {AccountSearchWords.Table}, {AccountSearchEntries.Table}", connection);
        await vacuum.ExecuteNonQueryAsync();
    }

    /// <param name="Latencies">Per search: its query kind (<see cref="AccountSearchBenchData.Kinds"/>) and milliseconds.</param>
    private sealed record ClientRun(List<(int Kind, double Ms)> Latencies, long Results, long Failures);

    private static async Task<ClientRun> RunClientsAsync(HttpClient http, string[] queries, int clients, TimeSpan duration)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var next = -1;
        var runs = await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            var latencies = new List<(int Kind, double Ms)>(4096);
            long results = 0, failures = 0;
            while (Stopwatch.GetTimestamp() < deadline)
            {
                var n = (int)((uint)Interlocked.Increment(ref next) % queries.Length);
                var q = queries[n];
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync($"/api/accounts?q={Uri.EscapeDataString(q)}&limit=20");
                var page = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<SearchPage>() : null;
                latencies.Add((n % AccountSearchBenchData.Kinds.Length, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
                results += page?.Items.Count ?? 0;
                failures += page is null ? 1 : 0;
            }

            return new ClientRun(latencies, results, failures);
        }));
        return new ClientRun([.. runs.SelectMany(r => r.Latencies)], runs.Sum(r => r.Results), runs.Sum(r => r.Failures));
    }

    private sealed record SearchPage(List<object> Items, string? NextCursor);

    private static void Report(ClientRun run, TimeSpan elapsed)
    {
        var sorted = run.Latencies.Select(l => l.Ms).Order().ToArray();
        Console.WriteLine();
        Console.WriteLine($"requests/s:   {sorted.Length / elapsed.TotalSeconds:N0}  ({sorted.Length:N0} searches in {elapsed.TotalSeconds:N1} s, {run.Failures:N0} failed, {(double)run.Results / Math.Max(1, sorted.Length):N1} results per search)");
        Console.WriteLine($"latency:      {Percentiles(sorted)}  (load now {CpuMeter.LoadAverage()})");
        for (var kind = 0; kind < AccountSearchBenchData.Kinds.Length; kind++)
        {
            var ofKind = run.Latencies.Where(l => l.Kind == kind).Select(l => l.Ms).Order().ToArray();
            Console.WriteLine($"  {AccountSearchBenchData.Kinds[kind],-20} {Percentiles(ofKind)}");
        }
    }

    private static string Percentiles(double[] sorted)
    {
        double At(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * p))];
        return $"p50 {At(0.50):N1} ms, p95 {At(0.95):N1} ms, p99 {At(0.99):N1} ms, max {At(1):N1} ms";
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

internal sealed record AccountSearchOptions(int Accounts, int Clients, int Seconds, int Warmup, bool Keep, string? Reuse)
{
    public static AccountSearchOptions Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            var at = Array.IndexOf(args, $"--{name}");
            return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : fallback;
        }

        var reuse = Array.IndexOf(args, "--reuse");
        return new(Get("accounts", 100_000), Get("clients", 16), Get("seconds", 25), Get("warmup", 3), args.Contains("--keep"), reuse >= 0 && reuse + 1 < args.Length ? args[reuse + 1] : null);
    }
}

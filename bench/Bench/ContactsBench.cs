using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Tenancy;
using NavusoftSync.ContactDirectory.Contracts;
using NavusoftSync.Testing;

namespace NavusoftSync.Bench;

// ContactDirectory benchmark: upserts through the HTTP API on Kestrel with concurrent
// clients, then lookups through the module's mediator query. Prints its figures; no assertions.
//   dotnet run -c Release --project bench/Bench -- contacts [--accounts 10000] [--contacts 5] [--clients 8] [--emails 100000] [--batch 50] [--daemon Solo|Disabled] [--warmup 50]
internal static class ContactsBench
{
    private const string Tenant = "bench-tenant";

    public static async Task RunAsync(string[] args)
    {
        var options = ContactsOptions.Parse(args);
        var connectionString = await PostgresServer.CreateDatabaseAsync("bench");
        try
        {
            await using var app = new NavusoftApp(connectionString, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error", ["Marten:DaemonMode"] = options.Daemon });
            var port = FreePort();
            app.UseKestrel(port);
            app.StartServer();

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Clients * 2 }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Issue(Tokens.Admin(Tenant), TimeSpan.FromHours(4)));

            // Warm-up: JIT (hot methods reach tier 1 only after being called often, then compile in
            // the background), connection pools, Marten's generated code. Concurrent like the run.
            var warm = -1;
            await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref warm)) < options.Warmup)
                {
                    (await http.PutAsJsonAsync($"/api/accounts/warm-{i}", Account(-i - 1, options.Contacts))).EnsureSuccessStatusCode();
                }
            }));

            Console.WriteLine($"Upserting {options.Accounts:N0} accounts x {options.Contacts} contacts with {options.Clients} concurrent clients over HTTP...");
            var upsertCpu = await CpuMeter.StartAsync(connectionString);
            var (jitBefore, jitTimeBefore, allocatedBefore, gcBefore, pauseBefore) = (System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime(), GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.GetTotalPauseDuration());
            var upserts = Stopwatch.StartNew();
            var next = -1;
            var latencies = new double[options.Accounts];
            await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < options.Accounts)
                {
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.PutAsJsonAsync($"/api/accounts/acc-{i}", Account(i, options.Contacts));
                    response.EnsureSuccessStatusCode();
                    latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
            }));
            upserts.Stop();
            var (upsertHostCpu, upsertDbCpu) = await upsertCpu.StopAsync();
            var runtime = $"JIT {System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore:N0} methods in {(System.Runtime.JitInfo.GetCompilationTime() - jitTimeBefore).TotalMilliseconds:N0} ms, {(GC.GetTotalAllocatedBytes() - allocatedBefore) / options.Accounts / 1024:N0} KiB allocated per upsert, {GC.CollectionCount(0) - gcBefore} GCs pausing {(GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds:N0} ms";
            Array.Sort(latencies);

            var emails = Enumerable.Range(0, options.Emails).Select(n =>
                n % 5 == 4 ? $"stranger{n}@elsewhere.com" : $"Contact{n % options.Contacts}.A{n / 5 % options.Accounts}@Customer{n / 5 % options.Accounts % 500}.com ").ToArray();
            Console.WriteLine($"Resolving {options.Emails:N0} addresses (1 in 5 unknown) through FindContactsByEmails, batches of {options.Batch}, {options.Clients} concurrent callers...");
            var lookupCpu = await CpuMeter.StartAsync(connectionString);
            var (lookupSeconds, matched) = await ResolveAsync(app.Services, emails, options.Batch, options.Clients);
            var (lookupHostCpu, lookupDbCpu) = await lookupCpu.StopAsync();
            var singles = emails.Take(options.Emails / 5).ToArray();
            var (singleSeconds, _) = await ResolveAsync(app.Services, singles, 1, options.Clients);

            var process = Process.GetCurrentProcess();
            Console.WriteLine();
            Console.WriteLine($"upserts/s:            {options.Accounts / upserts.Elapsed.TotalSeconds:N0}  ({options.Accounts:N0} in {upserts.Elapsed.TotalSeconds:N1} s; p50 {latencies[latencies.Length / 2]:N1} ms, p95 {latencies[(int)(latencies.Length * 0.95)]:N1} ms, p99 {latencies[(int)(latencies.Length * 0.99)]:N1} ms)");
            Console.WriteLine($"  CPU per upsert:     host {upsertHostCpu / options.Accounts:N2} ms, PostgreSQL {upsertDbCpu / options.Accounts:N2} ms  (load now {CpuMeter.LoadAverage()})");
            Console.WriteLine($"  during upserts:     {runtime}");
            Console.WriteLine($"  PostgreSQL work:    {(double)upsertCpu.Work[0] / options.Accounts:N0} buffer accesses, {(double)upsertCpu.Work[1] / options.Accounts:N1} rows written, {(double)upsertCpu.Work[2] / options.Accounts:N2} commits per upsert");
            Console.WriteLine($"lookups/s (batched):  {emails.Length / lookupSeconds:N0}  ({emails.Length:N0} addresses in {lookupSeconds:N1} s, {matched:N0} matched)");
            Console.WriteLine($"  CPU per batch:      host {lookupHostCpu / Math.Ceiling((double)emails.Length / options.Batch):N2} ms, PostgreSQL {lookupDbCpu / Math.Ceiling((double)emails.Length / options.Batch):N2} ms");
            Console.WriteLine($"  PostgreSQL work:    {(double)lookupCpu.Work[0] / Math.Ceiling((double)emails.Length / options.Batch):N0} buffer accesses per batch");
            Console.WriteLine($"lookups/s (single):   {singles.Length / singleSeconds:N0}  ({singles.Length:N0} one-address queries in {singleSeconds:N1} s)");
            Console.WriteLine($"peak working set:     {process.PeakWorkingSet64 / 1024 / 1024:N0} MiB (host and clients in one process); GC heap now {GC.GetTotalMemory(false) / 1024 / 1024:N0} MiB");
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    private static object Account(int i, int contacts) => new
    {
        name = $"Customer {i}",
        contacts = Enumerable.Range(0, contacts).Select(c => new { contactId = $"c{c}", name = $"Contact {c}", email = $"contact{c}.a{i}@customer{i % 500}.com" }).ToArray(),
    };

    private static async Task<(double Seconds, int Matched)> ResolveAsync(IServiceProvider services, string[] emails, int batch, int callers)
    {
        var batches = emails.Chunk(batch).ToArray();
        var next = -1;
        var matched = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
        {
            int b;
            while ((b = Interlocked.Increment(ref next)) < batches.Length)
            {
                await using var scope = services.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<ITenantScope>().Use(Tenant);
                var found = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new FindContactsByEmails(batches[b]));
                Interlocked.Add(ref matched, found.Count);
            }
        }));
        return (watch.Elapsed.TotalSeconds, matched);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// CPU spent during a phase by this process (host and clients) and by the PostgreSQL backends
/// connected to the bench database (read from /proc; 0 where it cannot be read). Unlike
/// throughput, CPU per operation hardly moves when other work shares the machine.
/// </summary>
internal sealed class CpuMeter
{
    private readonly string _connectionString;
    private readonly TimeSpan _hostStart;
    private readonly Dictionary<int, long> _dbStart;
    private readonly long[] _statsStart;

    private CpuMeter(string connectionString, TimeSpan hostStart, Dictionary<int, long> dbStart, long[] statsStart) =>
        (_connectionString, _hostStart, _dbStart, _statsStart) = (connectionString, hostStart, dbStart, statsStart);

    /// <summary>Buffer accesses and rows written by the database in the phase: work counts that load does not inflate.</summary>
    public long[] Work { get; private set; } = [];

    public static async Task<CpuMeter> StartAsync(string connectionString) =>
        new(connectionString, Process.GetCurrentProcess().TotalProcessorTime, await BackendTicksAsync(connectionString), await DatabaseStatsAsync(connectionString));

    /// <returns>Milliseconds of CPU: this process, the database's backends.</returns>
    public async Task<(double Host, double Db)> StopAsync()
    {
        var host = (Process.GetCurrentProcess().TotalProcessorTime - _hostStart).TotalMilliseconds;
        var now = await BackendTicksAsync(_connectionString);
        var ticks = now.Sum(b => b.Value - _dbStart.GetValueOrDefault(b.Key));
        await Task.Delay(1200); // backends report their statistics at most once a second
        Work = [.. (await DatabaseStatsAsync(_connectionString)).Zip(_statsStart, (a, b) => a - b)];
        return (host, ticks * 10.0); // USER_HZ is 100 on Linux
    }

    private static async Task<long[]> DatabaseStatsAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT pg_stat_force_next_flush(); SELECT blks_hit + blks_read, tup_inserted + tup_updated + tup_deleted, xact_commit FROM pg_stat_database WHERE datname = current_database()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return [reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2)];
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static async Task<Dictionary<int, long>> BackendTicksAsync(string connectionString)
    {
        var ticks = new Dictionary<int, long>();
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var pid = reader.GetInt32(0);
            try
            {
                // Fields after the command name: state is 3rd, utime 14th and stime 15th of the whole line.
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks[pid] = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException)
            {
                // The backend ended, or /proc is not readable here.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return ticks;
    }
}

internal sealed record ContactsOptions(int Accounts, int Contacts, int Clients, int Emails, int Batch, string Daemon, int Warmup)
{
    public static ContactsOptions Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            var at = Array.IndexOf(args, $"--{name}");
            return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : fallback;
        }

        var daemon = Array.IndexOf(args, "--daemon") is var d and >= 0 && d + 1 < args.Length ? args[d + 1] : "Solo";
        return new(Get("accounts", 10_000), Get("contacts", 5), Get("clients", 8), Get("emails", 100_000), Get("batch", 50), daemon, Get("warmup", 50));
    }
}

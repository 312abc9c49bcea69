using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.Tenancy;
using NavusoftSync.ContactDirectory.Contracts;
using NavusoftSync.Testing;

namespace NavusoftSync.Bench;

// ContactDirectory benchmark (issue 2): upserts through the HTTP API on Kestrel with concurrent
// clients, then lookups through the module's mediator query. Prints its figures; no assertions.
//   dotnet run -c Release --project bench/Bench -- contacts [--accounts 10000] [--contacts 5] [--clients 8] [--emails 100000] [--batch 50] [--daemon Solo|Disabled]
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

            // Warm-up: JIT, connection pools, Marten's generated code.
            for (var i = 0; i < 50; i++)
            {
                (await http.PutAsJsonAsync($"/api/accounts/warm-{i}", Account(-i - 1, options.Contacts))).EnsureSuccessStatusCode();
            }

            Console.WriteLine($"Upserting {options.Accounts:N0} accounts x {options.Contacts} contacts with {options.Clients} concurrent clients over HTTP...");
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
            Array.Sort(latencies);

            var emails = Enumerable.Range(0, options.Emails).Select(n =>
                n % 5 == 4 ? $"stranger{n}@elsewhere.com" : $"Contact{n % options.Contacts}.A{n / 5 % options.Accounts}@Customer{n / 5 % options.Accounts % 500}.com ").ToArray();
            Console.WriteLine($"Resolving {options.Emails:N0} addresses (1 in 5 unknown) through FindContactsByEmails, batches of {options.Batch}, {options.Clients} concurrent callers...");
            var (lookupSeconds, matched) = await ResolveAsync(app.Services, emails, options.Batch, options.Clients);
            var singles = emails.Take(options.Emails / 5).ToArray();
            var (singleSeconds, _) = await ResolveAsync(app.Services, singles, 1, options.Clients);

            var process = Process.GetCurrentProcess();
            Console.WriteLine();
            Console.WriteLine($"upserts/s:            {options.Accounts / upserts.Elapsed.TotalSeconds:N0}  ({options.Accounts:N0} in {upserts.Elapsed.TotalSeconds:N1} s; p50 {latencies[latencies.Length / 2]:N1} ms, p95 {latencies[(int)(latencies.Length * 0.95)]:N1} ms, p99 {latencies[(int)(latencies.Length * 0.99)]:N1} ms)");
            Console.WriteLine($"lookups/s (batched):  {emails.Length / lookupSeconds:N0}  ({emails.Length:N0} addresses in {lookupSeconds:N1} s, {matched:N0} matched)");
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

internal sealed record ContactsOptions(int Accounts, int Contacts, int Clients, int Emails, int Batch, string Daemon)
{
    public static ContactsOptions Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            var at = Array.IndexOf(args, $"--{name}");
            return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) ? value : fallback;
        }

        var daemon = Array.IndexOf(args, "--daemon") is var d and >= 0 && d + 1 < args.Length ? args[d + 1] : "Solo";
        return new(Get("accounts", 10_000), Get("contacts", 5), Get("clients", 8), Get("emails", 100_000), Get("batch", 50), daemon);
    }
}

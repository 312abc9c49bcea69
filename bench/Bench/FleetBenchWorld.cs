using System.Globalization;
using System.Net.Http.Json;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Control;
using Npgsql;

namespace NavusoftSync.Bench;

/// <summary>One host process of the fleet: its node name (the <c>hostNode</c> header of its events), URL and Quartz instance id.</summary>
internal sealed record FleetHost(string Node, string Url, ChildProcess Process, string QuartzInstance, MemorySampler Memory)
{
    /// <summary>The share of one core the host used while idle (no links yet): Quartz, the daemon and health polling.</summary>
    public double IdleCpuShare { get; set; }
}

/// <summary>One link of the fleet: its tenant, user, mailbox and provider, and the link id the host answered.</summary>
internal sealed record FleetLink(string Tenant, string User, string Mailbox, string Provider, string LinkId);

/// <summary>
/// The fleet benchmark's processes and data: a standalone sandbox (the realistic profile with the given latency when
/// asked), two host processes on one database with clustered Quartz, the tenants seeded and every link made through the
/// real API (admin and user JWTs, the sandbox's consent, the callback relayed with the user's token).
/// </summary>
internal sealed class FleetBenchWorld(FleetBenchOptions options, string logs, string connectionString) : IAsyncDisposable
{
    private const int AccountsPerTenant = 5;

    public string SandboxUrl { get; private set; } = string.Empty;

    public ChildProcess Sandbox { get; private set; } = null!;

    public SandboxControlClient Control { get; private set; } = null!;

    public List<FleetHost> Hosts { get; } = [];

    public static string MailboxOf(int i) => i % 2 == 0 ? $"fleet-{i}@contoso.example" : $"fleet-{i}@bench-google.example";

    public static string ProviderOf(int i) => i % 2 == 0 ? "microsoft" : "google";

    public static string TenantOf(int i, int tenants) => $"fleet-t{i % tenants:D3}";

    public async Task StartSandboxAsync()
    {
        SandboxUrl = $"http://127.0.0.1:{SyncBench.FreePort()}";
        var environment = new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning", ["Sandbox__RequestLogCapacity"] = "10000" };
        if (options.LatencyMs > 0)
        {
            environment["Sandbox__Realism__Profile"] = "realistic";
            environment["Sandbox__Realism__LatencyMs"] = options.LatencyMs.ToString(CultureInfo.InvariantCulture);
            environment["Sandbox__Realism__JitterMs"] = (options.LatencyMs / 5).ToString(CultureInfo.InvariantCulture);
        }

        Sandbox = ChildProcess.Start(SyncBench.Built("src/Tools/ProviderSandbox/bin/Release/net10.0/ProviderSandbox.dll"), ["--urls", SandboxUrl], environment, Path.Combine(logs, "sandbox.log"));
        await Sandbox.WaitReadyAsync($"{SandboxUrl}/_sandbox/health", TimeSpan.FromMinutes(1));
        Control = new SandboxControlClient(new HttpClient { BaseAddress = new Uri(SandboxUrl + "/"), Timeout = TimeSpan.FromMinutes(5) });
    }

    /// <summary>Starts a host process named <paramref name="node"/> and waits for it to be ready and checked in with Quartz.</summary>
    public async Task<FleetHost> StartHostAsync(string node)
    {
        var url = $"http://127.0.0.1:{SyncBench.FreePort()}";
        var environment = SyncBench.BenchHostEnvironment(connectionString, url, SandboxUrl);
        environment["Host__NodeName"] = node;
        environment["Sync__IntervalSeconds"] = options.IntervalSeconds.ToString(CultureInfo.InvariantCulture);
        environment["Quartz__ThreadCount"] = options.Threads.ToString(CultureInfo.InvariantCulture);
        environment["Quartz__CheckinIntervalSeconds"] = options.CheckinSeconds.ToString(CultureInfo.InvariantCulture);
        environment["Quartz__CheckinMisfireThresholdSeconds"] = options.CheckinThresholdSeconds.ToString(CultureInfo.InvariantCulture);
        environment["DOTNET_gcServer"] = "0"; // two hosts, a sandbox and PostgreSQL share the machine's cores
        var known = await QuartzInstancesAsync();
        var process = ChildProcess.Start(SyncBench.Built("src/Host/bin/Release/net10.0/Host.dll"), ["--urls", url], environment, Path.Combine(logs, $"{node}.log"));
        await process.WaitReadyAsync($"{url}/health/ready", TimeSpan.FromMinutes(3));
        var instance = await NewQuartzInstanceAsync(known, process.Log);
        var host = new FleetHost(node, url, process, instance, new MemorySampler(process.Id));
        Hosts.Add(host);
        return host;
    }

    /// <summary>Each host's CPU over <paramref name="window"/> before any link exists: the fixed cost a per-run figure must not carry.</summary>
    public async Task MeasureIdleAsync(TimeSpan window)
    {
        var before = Hosts.Select(h => h.Memory.CpuTime).ToList();
        await Task.Delay(window);
        for (var i = 0; i < Hosts.Count; i++)
        {
            Hosts[i].IdleCpuShare = (Hosts[i].Memory.CpuTime - before[i]) / window;
        }
    }

    /// <summary>Every link's mailbox in the sandbox: <c>--messages</c> messages in threads (some with a contact of its tenant) and <c>--events</c> meetings.</summary>
    public async Task AddMailboxesAsync()
    {
        await ForEachAsync(options.Links, async i =>
        {
            var data = new SyncData(MailboxOf(i), AccountsPerTenant, 0.3, DateTimeOffset.UtcNow);
            await Control.AddMailboxAsync(new ScenarioMailbox
            {
                Email = data.Owner,
                Provider = ProviderOf(i) == "google" ? SandboxProvider.Google : SandboxProvider.Microsoft,
                DisplayName = $"Fleet user {i}",
                Messages = data.Messages(options.Messages),
                Events = data.Events(options.Events),
            });
        });
    }

    /// <summary>Each tenant's accounts (5 × 5 contacts) and both providers enabled, as the tenant's admin, spread over the hosts.</summary>
    public async Task SeedTenantsAsync()
    {
        await ForEachAsync(options.Tenants, async t =>
        {
            var tenant = TenantOf(t, options.Tenants);
            using var admin = BenchLinking.Client(Hosts[t % Hosts.Count].Url, Tokens.Admin(tenant));
            for (var a = 0; a < AccountsPerTenant; a++)
            {
                using var response = await admin.PutAsJsonAsync($"/api/accounts/acc-{a}", SyncData.Account(a));
                response.EnsureSuccessStatusCode();
            }

            foreach (var provider in new[] { "microsoft", "google" })
            {
                using var enabled = await admin.PutAsJsonAsync($"/api/admin/providers/{provider}", new { enabled = true, reviewTicket = "BENCH-FLEET" });
                enabled.EnsureSuccessStatusCode();
            }
        });
    }

    /// <summary>Every link, made by its user through the consent flow on one of the hosts (alternately); each starts its first sync at once.</summary>
    public async Task<List<FleetLink>> LinkAllAsync()
    {
        var links = new FleetLink[options.Links];
        await ForEachAsync(options.Links, async i =>
        {
            var (tenant, user) = (TenantOf(i, options.Tenants), $"user-{i / options.Tenants}");
            using var client = BenchLinking.Client(Hosts[i % Hosts.Count].Url, Tokens.User(tenant, user));
            var linkId = await BenchLinking.LinkAsync(client, ProviderOf(i), MailboxOf(i));
            links[i] = new FleetLink(tenant, user, MailboxOf(i), ProviderOf(i), linkId);
        });
        return [.. links];
    }

    /// <summary>Stops every process it started (the sandbox last).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var host in Hosts)
        {
            await host.Memory.DisposeAsync();
            await host.Process.DisposeAsync();
        }

        Hosts.Clear();
        if (Sandbox is not null)
        {
            await Sandbox.DisposeAsync();
            Control.Dispose();
            Sandbox = null!;
        }
    }

    private async Task ForEachAsync(int count, Func<int, Task> action)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, options.Parallel).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await action(i);
            }
        }));
    }

    private async Task<HashSet<string>> QuartzInstancesAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        try
        {
            await using var command = new NpgsqlCommand("select instance_name from qrtz_scheduler_state", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var names = new HashSet<string>(StringComparer.Ordinal);
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }

            return names;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return [];
        }
    }

    private async Task<string> NewQuartzInstanceAsync(HashSet<string> known, string log)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            if ((await QuartzInstancesAsync()).Except(known).FirstOrDefault() is { } instance)
            {
                return instance;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The host did not check in with Quartz within 30 s; see {log}.");
    }
}

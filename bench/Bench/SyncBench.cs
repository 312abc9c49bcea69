using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Control;
using Npgsql;

namespace NavusoftSync.Bench;

// Synchronization benchmark: a sandbox mailbox of N messages (threads of 1–5, ~10% with a
// contact) and M calendar events; a first sync, then an incremental sync of K new messages. The host
// and the provider sandbox each run as their own built program (dotnet Host.dll / ProviderSandbox.dll),
// so the host's memory is measured alone (/proc/{pid}/status). Prints its figures; no assertions.
//   dotnet run -c Release --project bench/Bench -- sync [--provider microsoft|google] [--messages 50000] [--events 5000]
//       [--incremental 1000] [--accounts 1000] [--contact-share 0.1] [--page-size N] [--gc server|workstation] [--trace-seconds N] [--host-env KEY=VALUE]...
//       [--scale 10000,50000]   (the run at each mailbox size, events in the proportion of --messages/--events; then host memory against size)
internal static class SyncBench
{
    internal const string Tenant = "bench-tenant";
    internal const string UserSub = "bench-user";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(30);

    public static async Task RunAsync(string[] args)
    {
        var options = SyncBenchOptions.Parse(args);
        if (options.Scale is not { Count: > 0 } sizes)
        {
            await RunOnceAsync(options);
            return;
        }

        // Memory against mailbox size: the same run at each size (events in the same proportion), each
        // in fresh processes and a fresh database; the host's first-sync peak over its idle resident set
        // should not grow with the mailbox beyond what one page holds.
        var figures = new List<(SyncBenchOptions Options, HostMemory Memory)>();
        foreach (var messages in sizes)
        {
            var sized = options with { Messages = messages, Events = (int)((long)options.Events * messages / Math.Max(1, options.Messages)) };
            figures.Add((sized, await RunOnceAsync(sized)));
            Console.WriteLine();
        }

        Console.WriteLine($"===== Host memory against mailbox size: first sync, peak resident set over idle (host GC {options.Gc}) =====");
        foreach (var (sized, memory) in figures)
        {
            Console.WriteLine($"  {sized.Messages,9:N0} messages / {sized.Events,7:N0} events: +{Mb(memory.FirstPeak - memory.Idle)} (idle {Mb(memory.Idle)}, peak {Mb(memory.FirstPeak)}, after {Mb(memory.AfterFirst)})");
        }

        var (smallest, largest) = (figures.MinBy(f => f.Options.Messages), figures.MaxBy(f => f.Options.Messages));
        var growth = (largest.Memory.FirstPeak - largest.Memory.Idle) - (smallest.Memory.FirstPeak - smallest.Memory.Idle);
        var more = largest.Options.Messages - smallest.Options.Messages;
        Console.WriteLine($"  growth: {(growth < 0 ? "-" : "+")}{Mb(Math.Abs(growth))} for {more:N0} more messages ({growth / 1024.0 / Math.Max(1, more):N2} KiB per message; a page is {options.PageSize ?? 50} messages)");
    }

    private static async Task<HostMemory> RunOnceAsync(SyncBenchOptions options)
    {
        var hostDll = Built("src/Host/bin/Release/net10.0/Host.dll");
        var sandboxDll = Built("src/Tools/ProviderSandbox/bin/Release/net10.0/ProviderSandbox.dll");
        var logs = Directory.CreateTempSubdirectory("sync-bench-").FullName;
        Console.WriteLine($"Sync benchmark: provider {options.Provider}, {options.Messages:N0} messages, {options.Events:N0} events, then {options.Incremental:N0} new messages; {Environment.ProcessorCount} cores; load {Load()}; logs in {logs}");

        var sandboxUrl = $"http://127.0.0.1:{FreePort()}";
        await using var sandbox = ChildProcess.Start(sandboxDll, ["--urls", sandboxUrl],
            new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning", ["Sandbox__RequestLogCapacity"] = "2000000" }, Path.Combine(logs, "sandbox.log"));
        await sandbox.WaitReadyAsync($"{sandboxUrl}/_sandbox/health", TimeSpan.FromMinutes(1));
        using var control = new SandboxControlClient(new HttpClient { BaseAddress = new Uri(sandboxUrl + "/"), Timeout = TimeSpan.FromMinutes(10) });

        var owner = options.Provider == "google" ? "bench.user@bench-google.example" : "bench.user@contoso.example";
        var data = new SyncData(owner, options.Accounts, options.ContactShare, DateTimeOffset.UtcNow);
        var loading = Stopwatch.StartNew();
        await LoadMailboxAsync(control, data, options);
        Console.WriteLine($"Sandbox mailbox {owner}: {options.Messages:N0} messages ({data.ContactMessages:N0} with a contact), {options.Events:N0} events, loaded in {loading.Elapsed.TotalSeconds:N1} s.");

        var connectionString = await PostgresServer.CreateDatabaseAsync("syncbench");
        try
        {
            var hostUrl = $"http://127.0.0.1:{FreePort()}";
            await using var host = ChildProcess.Start(hostDll, ["--urls", hostUrl], HostEnvironment(options, connectionString, hostUrl, sandboxUrl), Path.Combine(logs, "host.log"));
            await host.WaitReadyAsync($"{hostUrl}/health/ready", TimeSpan.FromMinutes(3));
            await using var memory = new MemorySampler(host.Id);
            var run = new BenchRun(hostUrl, connectionString, options.Provider);

            memory.Mark("seed");
            var seeding = Stopwatch.StartNew();
            await run.SeedAsync(options.Accounts);
            Console.WriteLine($"Seeded {options.Accounts:N0} accounts x 5 contacts over HTTP in {seeding.Elapsed.TotalSeconds:N1} s.");

            await Task.Delay(TimeSpan.FromSeconds(2));
            memory.Mark("idle");
            await Task.Delay(TimeSpan.FromSeconds(1));
            var idle = memory.Current;

            // First sync: linking starts it at once (LinkEstablished → the link's job runs now).
            var before = await control.GetRequestsAsync(mailbox: owner);
            using var trace = options.TraceSeconds is { } seconds ? StartTrace(host.Id, seconds, Path.Combine(logs, "host-first-sync.nettrace")) : null;
            await using var database = new SyncDatabaseSampler(connectionString);
            var transactions = await database.TransactionsAsync();
            database.Start();
            memory.Mark("first");
            var firstCpu = (Host: memory.CpuTime, Sandbox: MemorySampler.CpuTimeOf(sandbox.Id));
            var firstWatch = Stopwatch.StartNew();
            var firstTriggered = DateTimeOffset.UtcNow;
            var linkId = await run.LinkAsync(owner);
            var first = await run.WaitForRunAsync(linkId, firstTriggered, RunTimeout);
            var firstWall = firstWatch.Elapsed;
            firstCpu = (memory.CpuTime - firstCpu.Host, MemorySampler.CpuTimeOf(sandbox.Id) - firstCpu.Sandbox);
            transactions = await database.TransactionsAsync() - transactions;
            await database.DisposeAsync();
            var top = database.Top(12);
            var samples = database.Samples;
            var firstPeak = memory.PeakOf("first");
            var firstProvider = await ProviderTimeAsync(control, owner, options.Provider, before.Count == 0 ? null : before[^1].Sequence, first);
            Console.WriteLine($"First sync done in {firstWall.TotalSeconds:N1} s (run {first.Duration.TotalSeconds:N1} s).");

            // Runs triggered meanwhile (contact events delivered after the link existed each ask for a
            // look-back run) finish before the incremental phase starts, so it measures only itself.
            var settled = await run.SettleAsync(linkId, RunTimeout);
            Console.WriteLine($"Settled: {settled.Runs - 1} more run(s) after the first, daemon caught up ({settled.Seconds:N1} s).");
            await Task.Delay(TimeSpan.FromSeconds(2));
            memory.Mark("between");
            await Task.Delay(TimeSpan.FromSeconds(1));
            var afterFirst = memory.Current;

            // Incremental sync: new messages in the mailbox, then a sync requested over HTTP.
            var newMessages = data.NewMessages(options.Incremental);
            await control.AddMessagesAsync(owner, newMessages);
            var lastSequence = await control.GetRequestsAsync(mailbox: owner, afterSequence: firstProvider.LastSequence) is [.., var last] ? last.Sequence : firstProvider.LastSequence;
            memory.Mark("incremental");
            var incrementalCpu = (Host: memory.CpuTime, Sandbox: MemorySampler.CpuTimeOf(sandbox.Id));
            var incrementalWatch = Stopwatch.StartNew();
            var incrementalTriggered = DateTimeOffset.UtcNow;
            await run.RequestSyncAsync(linkId);
            var incremental = await run.WaitForRunAsync(linkId, incrementalTriggered, RunTimeout);
            var incrementalWall = incrementalWatch.Elapsed;
            incrementalCpu = (memory.CpuTime - incrementalCpu.Host, MemorySampler.CpuTimeOf(sandbox.Id) - incrementalCpu.Sandbox);
            var incrementalPeak = memory.PeakOf("incremental");
            var incrementalProvider = await ProviderTimeAsync(control, owner, options.Provider, lastSequence, incremental);
            var links = await run.LinksAsync();

            Console.WriteLine();
            Console.WriteLine($"===== Sync benchmark: {options.Provider}, {options.Messages:N0} messages / {options.Events:N0} events / {options.Incremental:N0} incremental =====");
            Console.WriteLine($"machine:               {Environment.ProcessorCount} cores, load average at end {Load()}; host GC {options.Gc}{string.Concat(options.HostEnvironment.Select(e => ", " + e))}, page size {options.PageSize?.ToString(CultureInfo.InvariantCulture) ?? "default (50)"}");
            Print("first sync", first, firstWall, firstProvider, firstCpu);
            Print("incremental sync", incremental, incrementalWall, incrementalProvider, incrementalCpu);
            Console.WriteLine($"database, first sync:  {transactions:N0} transactions ({transactions / Math.Max(1.0, first.Mail.Scanned + first.Calendar.Scanned) * 50:N1} per 50 items scanned); statements seen running in {samples:N0} samples of pg_stat_activity:");
            foreach (var (share, statement) in top)
            {
                Console.WriteLine($"    {share,6:P1}  {statement}");
            }

            Console.WriteLine($"GET /api/me/links:     {links}");
            Console.WriteLine($"host memory (RSS):     idle after seeding {Mb(idle)}; peak during first sync {Mb(firstPeak)} (+{Mb(firstPeak - idle)} over idle); after it {Mb(afterFirst)}; peak during incremental {Mb(incrementalPeak)}; lifetime peak (VmHWM) {Mb(memory.LifetimePeak)}");
            Console.WriteLine($"host memory per phase: seeding peak {Mb(memory.PeakOf("seed"))}");
            return new HostMemory(idle, firstPeak, afterFirst);
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    private static void Print(string name, RunFigures run, TimeSpan wall, ProviderTime provider, (TimeSpan Host, TimeSpan Sandbox) cpu)
    {
        var mailSeconds = provider.MailSeconds ?? run.Duration.TotalSeconds;
        var calendarSeconds = Math.Max(0.001, run.Duration.TotalSeconds - mailSeconds);
        Console.WriteLine($"{name}:");
        Console.WriteLine($"  wall time            {wall.TotalSeconds:N1} s from trigger to SyncRunCompleted seen (run itself {run.Duration.TotalSeconds:N2} s: mail {mailSeconds:N2} s, calendar {calendarSeconds:N2} s)");
        Console.WriteLine($"  mail                 {run.Mail}");
        Console.WriteLine($"  calendar             {run.Calendar}");
        Console.WriteLine($"  messages scanned/s   {run.Mail.Scanned / mailSeconds:N0}");
        Console.WriteLine($"  messages recorded/s  {run.Mail.Recorded / mailSeconds:N0}  (matched {run.Mail.Matched:N0})");
        Console.WriteLine($"  events appended/s    {(run.Mail.EventsAppended + run.Calendar.EventsAppended) / run.Duration.TotalSeconds:N0}  ({run.Mail.EventsAppended + run.Calendar.EventsAppended:N0} events; mail {run.Mail.EventsAppended / mailSeconds:N0}/s, calendar {run.Calendar.EventsAppended / calendarSeconds:N0}/s)");
        Console.WriteLine($"  provider (sandbox)   {provider.Requests:N0} requests, {provider.BusySeconds:N2} s of sandbox time summed over requests (served {provider.SpanSeconds:N2} s of wall time with >= 1 request open)");
        Console.WriteLine($"  run minus provider   {run.Duration.TotalSeconds - provider.SpanSeconds:N2} s with no provider request open");
        Console.WriteLine($"  CPU time             host {cpu.Host.TotalSeconds:N1} s ({cpu.Host.TotalMilliseconds / Math.Max(1, run.Mail.Scanned + run.Calendar.Scanned):N2} ms per item scanned), sandbox {cpu.Sandbox.TotalSeconds:N1} s");
    }

    private static async Task LoadMailboxAsync(SandboxControlClient control, SyncData data, SyncBenchOptions options)
    {
        await control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = data.Owner,
            Provider = options.Provider == "google" ? SandboxProvider.Google : SandboxProvider.Microsoft,
            DisplayName = "Bench User",
            Events = data.Events(options.Events),
        });
        foreach (var chunk in data.Messages(options.Messages).Chunk(5_000))
        {
            await control.AddMessagesAsync(data.Owner, chunk);
        }
    }

    /// <summary>
    /// The sandbox's side of a run from its request log: requests, their summed durations, the wall
    /// time with at least one request open, and when the calendar part started (first calendar request).
    /// </summary>
    private static async Task<ProviderTime> ProviderTimeAsync(SandboxControlClient control, string mailbox, string provider, long? afterSequence, RunFigures run)
    {
        var requests = (await control.GetRequestsAsync(mailbox: mailbox, afterSequence: afterSequence))
            .Where(r => !r.InBatch && r.Timestamp >= run.StartedAt.AddSeconds(-1) && r.Timestamp <= run.FinishedAt.AddSeconds(1))
            .ToList();
        var calendarPrefix = provider == "google" ? "/calendar/v3" : "/v1.0/me/calendarView";
        var calendarStart = requests.Where(r => r.Path.StartsWith(calendarPrefix, StringComparison.Ordinal)).Select(r => (DateTimeOffset?)r.Timestamp.AddMilliseconds(-r.DurationMs)).Min();
        var intervals = requests.Select(r => (Start: r.Timestamp.AddMilliseconds(-r.DurationMs), End: r.Timestamp)).OrderBy(i => i.Start).ToList();
        var span = 0.0;
        DateTimeOffset? openStart = null, openEnd = null;
        foreach (var (start, end) in intervals)
        {
            if (openEnd is null || start > openEnd)
            {
                span += openEnd is null ? 0 : (openEnd.Value - openStart!.Value).TotalSeconds;
                (openStart, openEnd) = (start, end);
            }
            else if (end > openEnd)
            {
                openEnd = end;
            }
        }

        span += openEnd is null ? 0 : (openEnd.Value - openStart!.Value).TotalSeconds;
        return new ProviderTime(
            requests.Count,
            requests.Sum(r => r.DurationMs) / 1000,
            span,
            calendarStart is null ? null : Math.Max(0, (calendarStart.Value - run.StartedAt).TotalSeconds),
            requests.Count == 0 ? afterSequence ?? 0 : requests.Max(r => r.Sequence));
    }

    /// <summary>A CPU-sampling trace of the host (dotnet-trace, if installed as a global tool) for the given seconds.</summary>
    private static Process? StartTrace(int pid, int seconds, string output)
    {
        var tool = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools", "dotnet-trace");
        if (!File.Exists(tool))
        {
            Console.WriteLine("--trace-seconds: dotnet-trace is not installed (dotnet tool install -g dotnet-trace); no trace.");
            return null;
        }

        // Through a shell with the output in a file: dotnet-trace's live status would fill an unread pipe and stall it.
        var duration = TimeSpan.FromSeconds(seconds).ToString(@"dd\:hh\:mm\:ss", CultureInfo.InvariantCulture);
        var start = new ProcessStartInfo("bash") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec '{tool}' collect -p {pid} --profile dotnet-sampled-thread-time --duration {duration} -o '{output}' > '{output}.log' 2>&1 < /dev/null");
        var process = Process.Start(start);
        Thread.Sleep(2_000);
        Console.WriteLine($"Tracing the host for {seconds} s into {output} (dotnet-trace report {output} topN).");
        return process;
    }

    private static Dictionary<string, string> HostEnvironment(SyncBenchOptions options, string connectionString, string hostUrl, string sandboxUrl)
    {
        var environment = BenchHostEnvironment(connectionString, hostUrl, sandboxUrl);
        environment["Logging__LogLevel__NavusoftSync.Synchronization"] = "Information";
        environment["Sync__IntervalSeconds"] = "3600"; // no scheduled run between the two measured ones
        environment["DOTNET_gcServer"] = options.Gc == "server" ? "1" : "0";
        foreach (var setting in options.HostEnvironment)
        {
            var at = setting.IndexOf('=', StringComparison.Ordinal);
            environment[setting[..at]] = setting[(at + 1)..];
        }

        if (options.PageSize is { } pageSize)
        {
            environment["Sync__PageSize"] = pageSize.ToString(CultureInfo.InvariantCulture);
        }

        return environment;
    }

    /// <summary>
    /// A bench host's environment: Development on loopback with the test signing and key-encryption keys, quiet logs, every
    /// provider URL of the sandbox (<see cref="SandboxUrls.ToConfiguration"/>) and the bench's OAuth clients.
    /// </summary>
    internal static Dictionary<string, string> BenchHostEnvironment(string connectionString, string hostUrl, string sandboxUrl)
    {
        var environment = new SandboxUrls(sandboxUrl).ToConfiguration().ToDictionary(k => k.Key.Replace(":", "__", StringComparison.Ordinal), k => k.Value ?? string.Empty);
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment["ConnectionStrings__Postgres"] = connectionString;
        environment["Auth__Issuer"] = NavusoftApp.Auth.Issuer ?? string.Empty;
        environment["Auth__Audience"] = NavusoftApp.Auth.Audience ?? string.Empty;
        environment["Auth__SigningKey"] = NavusoftApp.Auth.SigningKey ?? string.Empty;
        environment["DataProtection__KeyEncryptionKey"] = NavusoftApp.DataProtectionKeyEncryptionKey;
        environment["Logging__LogLevel__Default"] = "Warning";
        environment["Providers__Microsoft__ClientId"] = "bench-client";
        environment["Providers__Microsoft__ClientSecret"] = "bench-secret";
        environment["Providers__Google__ClientId"] = "bench-google";
        environment["Providers__Google__ClientSecret"] = "bench-google-secret";
        environment["Links__CallbackBaseUrl"] = hostUrl;
        return environment;
    }

    internal static string Built(string relativePath) =>
        PostgresServer.FindRepositoryFile(relativePath)
        ?? throw new InvalidOperationException($"{relativePath} is not built: run `dotnet build {relativePath.Split("/bin/")[0]} -c Release` first.");

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:N0} MiB";

    internal static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The host side of the benchmark: seeding, linking and syncing over HTTP, run events read from the database.</summary>
    internal sealed class BenchRun(string hostUrl, string connectionString, string provider)
    {
        private readonly HttpClient _admin = BenchLinking.Client(hostUrl, Tokens.Admin(Tenant));
        private readonly HttpClient _user = BenchLinking.Client(hostUrl, Tokens.User(Tenant, UserSub));

        public async Task SeedAsync(int accounts)
        {
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < accounts)
                {
                    using var response = await _admin.PutAsJsonAsync($"/api/accounts/acc-{i}", SyncData.Account(i));
                    response.EnsureSuccessStatusCode();
                }
            }));
            using var enabled = await _admin.PutAsJsonAsync($"/api/admin/providers/{provider}", new { enabled = true, reviewTicket = "BENCH-1" });
            enabled.EnsureSuccessStatusCode();
        }

        /// <summary>The user's browser through the sandbox's consent, the redirect back relayed to the host's callback: answers the link id.</summary>
        public Task<string> LinkAsync(string mailbox) => BenchLinking.LinkAsync(_user, provider, mailbox);

        public async Task RequestSyncAsync(string linkId)
        {
            using var response = await _user.PostAsync(new Uri($"/api/me/links/{linkId}/sync", UriKind.Relative), null);
            response.EnsureSuccessStatusCode();
        }

        public Task<JsonElement> MyLinksAsync() => _user.GetFromJsonAsync<JsonElement>("/api/me/links");

        public async Task<string> LinksAsync()
        {
            var links = await MyLinksAsync();
            return string.Join("; ", links.EnumerateArray().Select(l =>
                $"{l.GetProperty("provider").GetString()} {l.GetProperty("status").GetString()}, emailsSynced {l.GetProperty("emailsSynced").GetInt64():N0}, appointmentsSynced {l.GetProperty("appointmentsSynced").GetInt64():N0}"));
        }

        /// <summary>
        /// Waits until every run of the link that started has finished and every projection and
        /// subscription has reached the event store's high-water mark, twice in a row a second apart.
        /// </summary>
        public async Task<(int Runs, double Seconds)> SettleAsync(string linkId, TimeSpan timeout)
        {
            var watch = Stopwatch.StartNew();
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var quiet = 0;
            while (watch.Elapsed < timeout)
            {
                await using var command = new NpgsqlCommand(
                    """
                    select (select count(*) from events.mt_events where stream_id = @stream and type = 'synchronization.sync_run_started'),
                           (select count(*) from events.mt_events where stream_id = @stream and type in ('synchronization.sync_run_completed', 'synchronization.sync_run_failed')),
                           (select count(*) from events.mt_event_progression p
                             where p.name not like 'HighWater%' and p.last_seq_id < (select last_seq_id from events.mt_event_progression where name = 'HighWaterMark'))
                    """,
                    connection);
                command.Parameters.AddWithValue("stream", $"sync:{linkId}");
                await using (var reader = await command.ExecuteReaderAsync())
                {
                    await reader.ReadAsync();
                    var (started, finished, behind) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
                    quiet = started == finished && behind == 0 ? quiet + 1 : 0;
                    if (quiet >= 2)
                    {
                        return ((int)finished, watch.Elapsed.TotalSeconds);
                    }
                }

                await Task.Delay(1000);
            }

            throw new TimeoutException($"Link {linkId} did not settle within {timeout.TotalMinutes:N0} minutes.");
        }

        /// <summary>Waits for the link's first run started at or after <paramref name="triggered"/> to finish (SyncRunCompleted; fails on SyncRunFailed).</summary>
        public async Task<RunFigures> WaitForRunAsync(string linkId, DateTimeOffset triggered, TimeSpan timeout)
        {
            var until = DateTime.UtcNow + timeout;
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            while (DateTime.UtcNow < until)
            {
                await using var command = new NpgsqlCommand(
                    "select type, data::text from events.mt_events where stream_id = @stream and type in ('synchronization.sync_run_completed', 'synchronization.sync_run_failed') order by seq_id",
                    connection);
                command.Parameters.AddWithValue("stream", $"sync:{linkId}");
                var finished = new List<(string Type, string Data)>();
                await using (var reader = await command.ExecuteReaderAsync())
                {
                    while (await reader.ReadAsync())
                    {
                        finished.Add((reader.GetString(0), reader.GetString(1)));
                    }
                }

                foreach (var (type, json) in finished)
                {
                    var figures = RunFigures.From(json);
                    if (figures.StartedAt >= triggered)
                    {
                        return type.EndsWith("failed", StringComparison.Ordinal)
                            ? throw new InvalidOperationException($"The sync run started at {figures.StartedAt:O} failed: {json}")
                            : figures;
                    }
                }

                await Task.Delay(100);
            }

            throw new TimeoutException($"No sync run of link {linkId} started after {triggered:O} finished within {timeout.TotalMinutes:N0} minutes.");
        }
    }
}

/// <summary>The host's resident set: idle after seeding, peak during the first sync, and after it (bytes).</summary>
internal sealed record HostMemory(long Idle, long FirstPeak, long AfterFirst);

internal sealed record ProviderTime(int Requests, double BusySeconds, double SpanSeconds, double? MailSeconds, long LastSequence);

internal sealed record PartCounts(int Scanned, int Matched, int Recorded, int Removed, int Skipped, int EventsAppended)
{
    public override string ToString() =>
        $"scanned {Scanned:N0}, matched {Matched:N0}, recorded {Recorded:N0}, removed {Removed:N0}, skipped {Skipped:N0}, events appended {EventsAppended:N0}";
}

/// <summary>The counts and times a SyncRunCompleted event carries.</summary>
internal sealed record RunFigures(DateTimeOffset StartedAt, DateTimeOffset FinishedAt, PartCounts Mail, PartCounts Calendar)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public TimeSpan Duration => FinishedAt - StartedAt;

    public static RunFigures From(string json) =>
        JsonSerializer.Deserialize<RunFigures>(json, Json) ?? throw new InvalidOperationException("An empty SyncRunCompleted.");
}

internal sealed record SyncBenchOptions(string Provider, int Messages, int Events, int Incremental, int Accounts, double ContactShare, int? PageSize, string Gc, int? TraceSeconds, IReadOnlyList<string> HostEnvironment, IReadOnlyList<int>? Scale)
{
    public static SyncBenchOptions Parse(string[] args)
    {
        string? Text(string name) => Array.IndexOf(args, $"--{name}") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        int Get(string name, int fallback) => int.TryParse(Text(name), CultureInfo.InvariantCulture, out var value) ? value : fallback;

        var provider = (Text("provider") ?? "microsoft").ToLowerInvariant();
        if (provider is not ("microsoft" or "google"))
        {
            throw new ArgumentException("--provider is microsoft or google.");
        }

        var gc = (Text("gc") ?? "server").ToLowerInvariant();
        return new(
            provider,
            Get("messages", 50_000),
            Get("events", 5_000),
            Get("incremental", 1_000),
            Get("accounts", 1_000),
            double.TryParse(Text("contact-share"), CultureInfo.InvariantCulture, out var share) ? share : 0.1,
            Text("page-size") is null ? null : Get("page-size", 50),
            gc is "workstation" ? "workstation" : "server",
            Text("trace-seconds") is null ? null : Get("trace-seconds", 30),
            [.. args.Select((a, i) => (a, i)).Where(p => p.a == "--host-env" && p.i + 1 < args.Length && args[p.i + 1].Contains('=', StringComparison.Ordinal)).Select(p => args[p.i + 1])],
            Text("scale") is { } scale ? [.. scale.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => int.Parse(n, CultureInfo.InvariantCulture))] : null);
    }
}

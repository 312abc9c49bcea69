using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using NavusoftSync.BuildingBlocks.Auth;

namespace NavusoftSync.Testing;

/// <summary>
/// The real host as a child process (<c>dotnet Host.dll</c> from the test's output folder) on a database of the
/// caller's, listening on a free loopback port, configured like <see cref="NavusoftApp"/> through environment
/// variables (Quartz on unless the settings say otherwise). For tests that need what an in-process host cannot
/// give: several nodes of a cluster, or a process killed outright. Its console output (JSON log lines) is kept.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan DefaultReadyTimeout = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly HttpClient _http;

    private HostProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
    }

    /// <summary>A name of the test's choosing, used in failure messages.</summary>
    public string Name { get; }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Every line written to stdout and stderr so far.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>The built host next to the test assembly (a project reference copies it there, with its deps and settings).</summary>
    /// <summary>A setting's value that stands for the started host's own base URL (its port is picked at start): e.g. <c>Links:WebhookBaseUrl</c>.</summary>
    public const string OwnBaseUrl = "{own-base-url}";

    public static string HostAssemblyPath => Path.Combine(AppContext.BaseDirectory, "Host.dll");

    /// <summary>Starts the host and waits until <c>/health/ready</c> answers 200 (schema migrated, PostgreSQL reachable).</summary>
    public static async Task<HostProcess> StartAsync(
        string name, string connectionString, IReadOnlyDictionary<string, string?>? settings = null, TimeSpan? readyTimeout = null)
    {
        if (!File.Exists(HostAssemblyPath))
        {
            throw new InvalidOperationException($"The host is not built next to the tests: {HostAssemblyPath}.");
        }

        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet", [HostAssemblyPath])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = start.Environment;
        environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        environment["DOTNET_ENVIRONMENT"] = "Testing";
        environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        environment["DOTNET_gcServer"] = "0";
        environment["ConnectionStrings__Postgres"] = connectionString;
        environment["Auth__Issuer"] = NavusoftApp.Auth.Issuer;
        environment["Auth__Audience"] = NavusoftApp.Auth.Audience;
        environment["Auth__SigningKey"] = NavusoftApp.Auth.SigningKey;
        environment["DataProtection__KeyEncryptionKey"] = NavusoftApp.DataProtectionKeyEncryptionKey;
        environment["Links__CallbackBaseUrl"] = baseAddress.ToString().TrimEnd('/');
        environment["Marten__DaemonMode"] = "HotCold";
        environment["Quartz__Enabled"] = "true";
        environment["Host__NodeName"] = name;
        environment["Logging__LogLevel__System.Net.Http.HttpClient"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value == OwnBaseUrl ? baseAddress.ToString().TrimEnd('/') : value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        if (!process.Start())
        {
            throw new InvalidOperationException("Could not start the host process.");
        }

        var host = new HostProcess(name, process, baseAddress);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitReadyAsync(readyTimeout ?? DefaultReadyTimeout);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of the host without a token.</summary>
    public HttpClient CreateClient() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>A client of the host carrying a fresh token for the given user.</summary>
    public HttpClient ClientFor(TokenRequest user)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Issue(user));
        return client;
    }

    /// <summary>Kills the process and everything it started, at once (SIGKILL: no shutdown code runs), and waits for it to be gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    /// <summary>The last warnings, errors and non-log lines of the output, for failure messages.</summary>
    public string Tail(int lines = 20) =>
        $"--- {Name} (pid {ProcessId}{(HasExited ? ", exited" : string.Empty)}; all output: {SaveOutput()}) ---{Environment.NewLine}"
        + string.Join(Environment.NewLine, Output.Where(l => !l.StartsWith("{\"EventId\"", StringComparison.Ordinal) || !l.Contains("\"LogLevel\":\"Information\"", StringComparison.Ordinal)).TakeLast(lines));

    /// <summary>Writes the whole output to a file under the temp folder and answers its path (for failure messages).</summary>
    public string SaveOutput()
    {
        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "navusoft-host-output"));
        var path = Path.Combine(directory.FullName, $"{Name}-{ProcessId}.log");
        File.WriteAllLines(path, Output);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // never started or already reaped
        }

        _http.Dispose();
        _process.Dispose();
        await Task.CompletedTask;
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode} before it was ready.{Environment.NewLine}{Tail()}");
            }

            try
            {
                using var response = await _http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // slow machine: ask again
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The host was not ready within {timeout.TotalSeconds:0} s.{Environment.NewLine}{Tail()}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Hosting;

namespace NavusoftSync.Synchronization.IntegrationTests.Infrastructure;

/// <summary>
/// What the tests over real host processes (killed, or several in a cluster) share: the provider sandbox behind a
/// latency proxy, databases of their own, the host processes started on them (even ones still starting when the test
/// ends are stopped), the provider settings pointing a host at the proxy, and timing marks for the test's output.
/// Disposing stops the hosts, then the proxy and the sandbox, then drops the databases.
/// </summary>
internal sealed class ProcessWorld : IAsyncDisposable
{
    private readonly List<Task<HostProcess>> _hosts = [];
    private readonly List<string> _databases = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<string> _marks = [];

    private ProcessWorld(SandboxHost sandbox, LatencyProxy proxy)
    {
        Sandbox = sandbox;
        Proxy = proxy;
    }

    public SandboxHost Sandbox { get; }

    /// <summary>The hosts reach the sandbox through it (its latency slows every provider call).</summary>
    public LatencyProxy Proxy { get; }

    /// <summary>The hosts that started, in the order they were asked for.</summary>
    public IEnumerable<HostProcess> Started => _hosts.Where(h => h.IsCompletedSuccessfully).Select(h => h.Result);

    public static async Task<ProcessWorld> StartAsync(TimeSpan latency)
    {
        var sandbox = await SandboxHost.StartAsync(new SandboxOptions());
        return new ProcessWorld(sandbox, await LatencyProxy.StartAsync(sandbox.BaseUrl, latency));
    }

    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var database = await PostgresServer.CreateDatabaseAsync(prefix);
        _databases.Add(database);
        return database;
    }

    /// <summary>Starts a host process (node <paramref name="name"/>) on the database; it is stopped with the world.</summary>
    public Task<HostProcess> StartHostAsync(string name, string database, IReadOnlyDictionary<string, string?> settings)
    {
        var starting = HostProcess.StartAsync(name, database, settings);
        _hosts.Add(starting);
        return starting;
    }

    /// <summary>The provider URLs of the proxy and OAuth clients for both providers, quieter logs: a host's settings to extend.</summary>
    public Dictionary<string, string?> ProviderSettings(string clientPrefix) => new(new SandboxUrls(Proxy.BaseUrl).ToConfiguration())
    {
        ["Providers:Microsoft:ClientId"] = $"{clientPrefix}-client",
        ["Providers:Microsoft:ClientSecret"] = $"{clientPrefix}-secret",
        ["Providers:Google:ClientId"] = $"{clientPrefix}-google",
        ["Providers:Google:ClientSecret"] = $"{clientPrefix}-google-secret",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public void Mark(string what) => _marks.Add($"{what} {_clock.Elapsed.TotalSeconds:0.0} s");

    public string Timings() => string.Join(", ", _marks);

    /// <summary>The last lines of every started host's output.</summary>
    public string Tails(int lines = 30) => string.Join(Environment.NewLine, Started.Select(h => h.Tail(lines)));

    public async ValueTask DisposeAsync()
    {
        foreach (var starting in _hosts)
        {
            try
            {
                await (await starting).DisposeAsync();
            }
            catch (Exception)
            {
                // it did not start, and cleaned up after itself
            }
        }

        await Proxy.DisposeAsync();
        await Sandbox.DisposeAsync();
        foreach (var database in _databases)
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
    }
}

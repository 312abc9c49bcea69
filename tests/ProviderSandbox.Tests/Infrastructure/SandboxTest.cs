using Microsoft.Extensions.Time.Testing;
using NavusoftSync.Tools.ProviderSandbox.Hosting;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

/// <summary>Each test gets its own sandbox on a free loopback port, with a fake clock it can move.</summary>
public abstract class SandboxTest : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));

    protected SandboxHost Sandbox { get; private set; } = null!;

    /// <summary>A plain client with the sandbox base address; it does not follow redirects (authorize answers 302).</summary>
    protected HttpClient Http { get; private set; } = null!;

    protected CancellationToken Ct => _timeout.Token;

    public virtual async Task InitializeAsync()
    {
        var options = new SandboxOptions { TimeProvider = Clock };
        Configure(options);
        Sandbox = await SandboxHost.StartAsync(options, Ct);
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(Sandbox.BaseUrl + "/") };
    }

    public virtual async Task DisposeAsync()
    {
        Http.Dispose();
        await Sandbox.DisposeAsync();
        _timeout.Dispose();
    }

    protected virtual void Configure(SandboxOptions options)
    {
    }
}

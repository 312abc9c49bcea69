using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Providers.Google;
using NavusoftSync.Synchronization.Providers.Microsoft;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;

namespace NavusoftSync.Synchronization.Tests.Providers.Infrastructure;

/// <summary>
/// Each test gets its own provider sandbox over HTTP (its clock fixed, so seeded dates are stable) and the readers as the
/// module registers them, pointed at it by configuration, with an in-flight counter under their HTTP stacks.
/// </summary>
public abstract class ReaderTest : IAsyncLifetime
{
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromSeconds(30));
    private ServiceProvider? _services;

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero));

    protected SandboxHost Sandbox { get; private set; } = null!;

    protected InFlightCounter InFlight { get; } = new();

    protected CancellationToken Ct => _timeout.Token;

    protected DateTimeOffset Now => Clock.GetUtcNow();

    protected DateTimeOffset Today => new(Now.UtcDateTime.Date, TimeSpan.Zero);

    /// <summary>The reader settings of the test (small pages, fast retries); a test may change them before it first reads.</summary>
    protected Dictionary<string, string?> Settings { get; } = new()
    {
        ["Sync:PageSize"] = "2",
        ["Sync:MaxAttempts"] = "3",
        ["Sync:RetryBaseDelayMilliseconds"] = "0",
        ["Sync:RetryMaxDelayMilliseconds"] = "5000",
    };

    public virtual async Task InitializeAsync() =>
        Sandbox = await SandboxHost.StartAsync(new SandboxOptions { TimeProvider = Clock }, Ct);

    public async Task DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await Sandbox.DisposeAsync();
        _timeout.Dispose();
    }

    internal IProviderReader Reader(string provider)
    {
        if (_services is null)
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(Sandbox.Urls.ToConfiguration())
                .AddInMemoryCollection(Settings)
                .Build();
            var services = new ServiceCollection().AddLogging().AddProviderReaders(configuration);
            services.AddHttpClient(GraphSessionFactory.HttpClientName).AddHttpMessageHandler(() => new CountingHandler(InFlight));
            services.AddHttpClient(GoogleSessionFactory.HttpClientName).AddHttpMessageHandler(() => new CountingHandler(InFlight));
            _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        }

        return _services.GetServices<IProviderReader>().Single(r => r.Provider == provider);
    }

    internal async Task<(MailboxAccess Access, TestTokens Tokens)> LinkAsync(string email, string provider)
    {
        var tokens = new TestTokens((await Sandbox.Control.IssueTokensAsync(email, ct: Ct)).AccessToken);
        return (new MailboxAccess("link-" + email, provider, email, tokens.GetAsync, tokens.RejectAsync), tokens);
    }

    internal async Task<string> FreshTokenAsync(string email) => (await Sandbox.Control.IssueTokensAsync(email, ct: Ct)).AccessToken;

    protected async Task<IReadOnlyList<RequestLogEntry>> RequestsAsync(string email, string? pathPrefix = null) =>
        await Sandbox.Control.GetRequestsAsync(mailbox: email, pathPrefix: pathPrefix, ct: Ct);

    protected static async Task<TimeSpan> TimedAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started);
    }

    protected static ScenarioMessage Mail(string subject, SandboxAddress from, SandboxAddress[] to, DateTimeOffset sentAt) =>
        new() { Subject = subject, From = from, To = to, SentAt = sentAt, Body = "Body of " + subject };
}

using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Tools.ProviderSandbox.Hosting;

/// <summary>How a sandbox runs. Standalone, the <c>Sandbox</c> configuration section sets the same values.</summary>
public sealed class SandboxOptions
{
    /// <summary>The clock of token and code expiry, request log times and "now" in scenarios; inject a FakeTimeProvider in tests.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A scenario JSON file loaded at start (after <see cref="Scenario"/>).</summary>
    public string? ScenarioFile { get; set; }

    /// <summary>A scenario loaded at start.</summary>
    public SandboxScenario? Scenario { get; set; }

    /// <summary>Accepted Microsoft client ids and their secrets (null secret: any). Empty: every client id is accepted.</summary>
    public IDictionary<string, string?> MicrosoftClients { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>Accepted Google client ids and their secrets (null secret: any). Empty: every client id is accepted.</summary>
    public IDictionary<string, string?> GoogleClients { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>The HS256 key of id_tokens (at least 32 bytes).</summary>
    public string SigningKey { get; set; } = "navusoft-provider-sandbox-id-token-signing-key";

    /// <summary>An authorize request whose login_hint names no mailbox creates an empty one instead of failing.</summary>
    public bool AutoCreateMailboxes { get; set; }

    /// <summary>How many API requests the request log keeps (the oldest are dropped beyond it).</summary>
    public int RequestLogCapacity { get; set; } = 50_000;

    /// <summary>
    /// The handler of the sandbox's outbound calls (Graph notifications and validation, Pub/Sub pushes, Calendar channel
    /// messages), read at each send so a test may set it after start, e.g. to a WebApplicationFactory server's handler.
    /// The sandbox never disposes what it returns. Null: a shared <see cref="SocketsHttpHandler"/>.
    /// </summary>
    public Func<HttpMessageHandler>? PushHandler { get; set; }

    /// <summary>Pub/Sub push subscriptions registered at start (as <c>POST /_sandbox/pubsub/subscriptions</c> would; a reset forgets them).</summary>
    public IList<PubSubPushSubscription> PubSubSubscriptions { get; } = [];

    /// <summary>Provider latency and rate limits (<see cref="RealismSettings.Off"/> by default; <c>PUT /_sandbox/realism</c> changes them at runtime).</summary>
    public RealismSettings Realism { get; set; } = RealismSettings.Off;

    /// <summary>In-process hosting only: the loopback port (0 picks a free one).</summary>
    public int Port { get; set; }

    /// <summary>In-process hosting only: logging providers (none by default).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>Changes to the sandbox's services after its own (tests that stand in for one of its parts).</summary>
    internal Action<IServiceCollection>? ConfigureServices { get; set; }
}

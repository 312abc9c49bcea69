using NavusoftSync.Tools.ProviderSandbox.Control;
using NavusoftSync.Tools.ProviderSandbox.Faults;
using NavusoftSync.Tools.ProviderSandbox.Google.Calendar;
using NavusoftSync.Tools.ProviderSandbox.Google.Gmail;
using NavusoftSync.Tools.ProviderSandbox.Google.Calendar.Channels;
using NavusoftSync.Tools.ProviderSandbox.Google.OAuth;
using NavusoftSync.Tools.ProviderSandbox.Google.PubSub;
using NavusoftSync.Tools.ProviderSandbox.Google.Shared;
using NavusoftSync.Tools.ProviderSandbox.Json;
using NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph;
using NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph.Subscriptions;
using NavusoftSync.Tools.ProviderSandbox.Microsoft.Identity;
using NavusoftSync.Tools.ProviderSandbox.Push;
using NavusoftSync.Tools.ProviderSandbox.Realism;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.Tokens;

namespace NavusoftSync.Tools.ProviderSandbox.Hosting;

/// <summary>The composition of the sandbox, shared by the standalone program and <see cref="SandboxHost"/>.</summary>
internal static class SandboxApplication
{
    public static void ConfigureServices(IServiceCollection services, SandboxOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(options.TimeProvider);
        services.AddSingleton<SandboxState>();
        services.AddSingleton<TokenStore>();
        services.AddSingleton<FaultQueue>();
        services.AddSingleton<RequestLogStore>();
        services.AddSingleton<IdTokenWriter>();
        services.AddSingleton<GraphErrors>();
        services.AddSingleton<GoogleApiErrors>();
        services.AddSingleton<InProcessDispatcher>();
        services.AddSingleton<ScenarioLoader>();
        services.AddSingleton<SandboxReset>();
        services.AddSingleton<RealismRejections>();
        services.AddSingleton<RealismGate>();
        AddPush(services);
        services.AddRouting();
        services.ConfigureHttpJsonOptions(json => SandboxJson.Apply(json.SerializerOptions, options.TimeProvider));
    }

    public static void Configure(WebApplication app)
    {
        var dispatcher = app.Services.GetRequiredService<InProcessDispatcher>();
        app.Use(next =>
        {
            dispatcher.Attach(next);
            return next;
        });
        app.UseMiddleware<RequestLogMiddleware>();
        app.UseMiddleware<GraphPathRewriteMiddleware>();
        app.UseRouting();
        app.MapMicrosoftIdentity();
        app.MapGraph();
        app.MapGoogleOAuth();
        app.MapGmail();
        app.MapGoogleCalendar();
        app.MapPubSub();
        app.MapControl();
        app.MapPushControl();
        app.MapRealism();
    }

    /// <summary>Outbound notifications: the subscription stores, the sources that turn mailbox changes into notifications, the dispatcher.</summary>
    private static void AddPush(IServiceCollection services)
    {
        services.AddSingleton<PushHttp>();
        services.AddSingleton<PushDeliveryLog>();
        services.AddSingleton<PushFaultQueue>();
        services.AddSingleton<PushDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<PushDispatcher>());
        services.AddSingleton<MailboxChangeFeed>();
        services.AddHostedService<ChangeNotifier>();
        services.AddSingleton<GraphSubscriptionStore>();
        services.AddSingleton<GraphValidationHandshake>();
        services.AddSingleton<GraphLifecycleNotifications>();
        services.AddSingleton<GmailWatchStore>();
        services.AddSingleton<CalendarChannelStore>();
        services.AddSingleton<PubSubSubscriptionStore>();
        services.AddSingleton<PubSubKeys>();
        services.AddSingleton<IPushSource, GraphChangeNotifier>();
        services.AddSingleton<IPushSource, GmailPushNotifier>();
        services.AddSingleton<IPushSource, CalendarChannelNotifier>();
        services.AddSingleton<PushState>();
    }

    /// <summary>
    /// Loads <see cref="SandboxOptions.Scenario"/> then <see cref="SandboxOptions.ScenarioFile"/>, and registers
    /// <see cref="SandboxOptions.PubSubSubscriptions"/>, before the first request.
    /// </summary>
    public static void LoadInitialScenario(IServiceProvider services, SandboxOptions options)
    {
        var loader = services.GetRequiredService<ScenarioLoader>();
        if (options.Scenario is { } scenario)
        {
            loader.Load(scenario);
        }

        if (!string.IsNullOrWhiteSpace(options.ScenarioFile))
        {
            loader.Load(loader.ReadFile(options.ScenarioFile));
        }

        var pubSub = services.GetRequiredService<PubSubSubscriptionStore>();
        foreach (var subscription in options.PubSubSubscriptions)
        {
            pubSub.Add(subscription);
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NavusoftSync.Synchronization.Push;
using NavusoftSync.Synchronization.Push.Webhooks;

namespace NavusoftSync.Synchronization.Providers.Google;

/// <summary>Gmail and Google Calendar push: the provider, the Pub/Sub token check with its key cache, and the two webhooks' handlers.</summary>
internal static class GooglePushSetup
{
    /// <summary>Fetching Google's keys happens inside a webhook request, which answers within 3 s.</summary>
    private static readonly TimeSpan CertsTimeout = TimeSpan.FromSeconds(2);

    public static IServiceCollection AddGooglePush(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPushProvider, GooglePushProvider>());
        services.AddHttpClient(PubSubSigningKeys.HttpClientName, client => client.Timeout = CertsTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.TryAddSingleton<PubSubSigningKeys>();
        services.TryAddSingleton<PubSubTokenVerifier>();
        services.TryAddSingleton<GoogleGmailNotifications>();
        services.TryAddSingleton<GoogleCalendarNotifications>();
        return services;
    }
}

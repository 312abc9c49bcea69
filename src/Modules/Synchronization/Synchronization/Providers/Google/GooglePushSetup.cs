using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NavusoftSync.Synchronization.Push;

namespace NavusoftSync.Synchronization.Providers.Google;

/// <summary>
/// Gmail and Google Calendar push: the provider and the Pub/Sub token check with its key cache. The provider needs the route
/// index (<see cref="PushRouter"/>, registered with the module's push setup), so it is built when first resolved: the
/// readers' services alone (as their tests build them) still validate. The webhooks' handlers are built per request.
/// </summary>
internal static class GooglePushSetup
{
    /// <summary>Fetching Google's keys happens inside a webhook request, which answers within 3 s.</summary>
    private static readonly TimeSpan CertsTimeout = TimeSpan.FromSeconds(2);

    public static IServiceCollection AddGooglePush(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPushProvider, GooglePushProvider>(provider => ActivatorUtilities.CreateInstance<GooglePushProvider>(provider)));
        services.AddHttpClient(PubSubSigningKeys.HttpClientName, client => client.Timeout = CertsTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.TryAddSingleton<PubSubSigningKeys>();
        services.TryAddSingleton<PubSubTokenVerifier>();
        return services;
    }
}

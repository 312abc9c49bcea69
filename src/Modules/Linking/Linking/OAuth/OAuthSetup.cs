using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.Linking.OAuth.Google;
using NavusoftSync.Linking.OAuth.Microsoft;

namespace NavusoftSync.Linking.OAuth;

internal static class OAuthSetup
{
    private static readonly TimeSpan ProviderCallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Both providers' clients, every URL from configuration (CONTRACT.md keys).</summary>
    public static IServiceCollection AddOAuthProviders(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MicrosoftOptions>(configuration.GetSection(MicrosoftOptions.SectionName));
        services.Configure<GoogleOptions>(configuration.GetSection(GoogleOptions.SectionName));
        services.AddHttpClient<MicrosoftIdentityClient>(c => c.Timeout = ProviderCallTimeout);
        services.AddHttpClient<MicrosoftGraphProfileClient>(c => c.Timeout = ProviderCallTimeout);
        services.AddHttpClient(MessageHandlerFactoryAdapter.ClientName);
        services.AddTransient<IOAuthProvider, MicrosoftOAuthProvider>();
        services.AddTransient<IOAuthProvider, GoogleOAuthProvider>();
        services.AddTransient<OAuthProviders>();
        return services;
    }
}

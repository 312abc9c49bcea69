using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace NavusoftSync.Synchronization.Push.Idle;

/// <summary>IMAP IDLE: the host's pool of IDLE connections (a hosted service), its leases, credentials and status writer.</summary>
internal static class ImapIdleSetup
{
    public static IServiceCollection AddImapIdle(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImapIdleOptions>().Configure(options => ImapIdleOptions.Bind(options, configuration));
        services.AddSingleton<ImapIdleLeases>();
        services.AddSingleton<IdleCredentialSource>();
        services.AddSingleton<IdleStatus>();
        services.AddSingleton<ImapIdlePool>();
        services.AddHostedService(provider => provider.GetRequiredService<ImapIdlePool>());
        return services;
    }
}

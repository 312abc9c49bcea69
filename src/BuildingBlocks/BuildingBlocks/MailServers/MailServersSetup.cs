using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace NavusoftSync.BuildingBlocks.MailServers;

public static class MailServersSetup
{
    /// <summary>
    /// <see cref="MailServerOptions"/> (from <c>Linking:AllowInsecureServers</c>, <c>Linking:AllowPrivateServers</c> and the
    /// <c>MailServers</c> section), <see cref="MailServerTls"/> and <see cref="ImapConnections"/>; safe to call from every module.
    /// </summary>
    public static IServiceCollection AddMailServers(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(ImapConnections)))
        {
            return services;
        }

        services.AddOptions<MailServerOptions>()
            .Bind(configuration.GetSection("MailServers"))
            .Configure(o =>
            {
                o.AllowInsecureServers = configuration.GetValue("Linking:AllowInsecureServers", false);
                o.AllowPrivateServers = configuration.GetValue("Linking:AllowPrivateServers", false);
            })
            .Validate(o => o.IsValid(), "MailServers:ConnectTimeoutSeconds (1-300) or :CommandTimeoutSeconds (1-600) is out of range.")
            .Validate(o => o.TrustedCertificateFile is not { Length: > 0 } f || File.Exists(f), "MailServers:TrustedCertificateFile names a file that does not exist.")
            .ValidateOnStart();
        services.TryAddSingleton<MailServerTls>();
        services.TryAddSingleton<ImapConnections>();
        return services;
    }
}

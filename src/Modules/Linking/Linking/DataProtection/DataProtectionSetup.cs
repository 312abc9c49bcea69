using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace NavusoftSync.Linking.DataProtection;

/// <summary>The <c>DataProtection</c> configuration section.</summary>
internal sealed class DataProtectionKeyOptions
{
    public string? KeyEncryptionKey { get; set; }
}

/// <summary>
/// ASP.NET Core Data Protection for the module's secrets (ADR 0007): an explicit application name
/// (the default isolates by content-root path, so two hosts of one deployment could not read each
/// other's payloads), the key ring in PostgreSQL, and every stored key encrypted with the
/// configured key encryption key. Startup fails outside Development when that key is missing.
/// </summary>
internal static class DataProtectionSetup
{
    public const string ApplicationName = "NavusoftSync";

    public static IServiceCollection AddLinkingDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DataProtectionKeyOptions>()
            .Bind(configuration.GetSection("DataProtection"))
            .Validate<IHostEnvironment>(
                (o, environment) => environment.IsDevelopment() || !string.IsNullOrWhiteSpace(o.KeyEncryptionKey),
                $"{KeyEncryptionKey.ConfigurationKey} is required outside Development: the base64 of 32 random bytes (e.g. `openssl rand -base64 32`). It encrypts the Data Protection key ring stored in PostgreSQL.")
            .Validate(
                o => string.IsNullOrWhiteSpace(o.KeyEncryptionKey) || KeyEncryptionKey.IsValid(o.KeyEncryptionKey),
                $"{KeyEncryptionKey.ConfigurationKey} must be the base64 of exactly {KeyEncryptionKey.Length} bytes.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var configured = sp.GetRequiredService<IOptions<DataProtectionKeyOptions>>().Value.KeyEncryptionKey;
            return string.IsNullOrWhiteSpace(configured) ? KeyEncryptionKey.Development() : KeyEncryptionKey.Parse(configured);
        });

        // Registered before AddDataProtection so it runs first and the defaults (a file-system
        // repository, no encryption) are never set up.
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            o.XmlRepository = new PostgresXmlRepository(sp.GetRequiredService<IDocumentStore>());
            o.XmlEncryptor = new AesGcmXmlEncryptor(sp.GetRequiredService<KeyEncryptionKey>());
        }));
        services.AddDataProtection().SetApplicationName(ApplicationName);
        return services;
    }
}

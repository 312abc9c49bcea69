using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Realism;

namespace NavusoftSync.Tools.ProviderSandbox.Hosting;

/// <summary>Reads <see cref="SandboxOptions"/> from the <c>Sandbox</c> configuration section of the standalone program.</summary>
internal static partial class StandaloneOptions
{
    public static SandboxOptions From(IConfigurationSection section)
    {
        var options = new SandboxOptions
        {
            ScenarioFile = section["ScenarioFile"],
            AutoCreateMailboxes = bool.TryParse(section["AutoCreateMailboxes"], out var autoCreate) && autoCreate,
            Realism = RealismOverrides.FromConfiguration(section.GetSection("Realism")),
        };
        if (int.TryParse(section["AccessTokenLifetimeSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            options.AccessTokenLifetime = TimeSpan.FromSeconds(seconds);
        }

        if (int.TryParse(section["RequestLogCapacity"], NumberStyles.None, CultureInfo.InvariantCulture, out var capacity) && capacity > 0)
        {
            options.RequestLogCapacity = capacity;
        }

        if (!string.IsNullOrWhiteSpace(section["SigningKey"]))
        {
            options.SigningKey = section["SigningKey"]!;
        }

        foreach (var client in section.GetSection("MicrosoftClients").GetChildren())
        {
            options.MicrosoftClients[client.Key] = string.IsNullOrEmpty(client.Value) ? null : client.Value;
        }

        foreach (var client in section.GetSection("GoogleClients").GetChildren())
        {
            options.GoogleClients[client.Key] = string.IsNullOrEmpty(client.Value) ? null : client.Value;
        }

        foreach (var subscription in section.GetSection("PubSubSubscriptions").GetChildren())
        {
            options.PubSubSubscriptions.Add(new PubSubPushSubscription
            {
                Topic = subscription["Topic"] ?? string.Empty,
                PushEndpoint = subscription["PushEndpoint"] ?? string.Empty,
                Audience = subscription["Audience"],
                ServiceAccountEmail = subscription["ServiceAccountEmail"] ?? string.Empty,
                Name = subscription["Name"],
            });
        }

        return options;
    }

    public static void LogStarted(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("ProviderSandbox");
        foreach (var address in app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses)
        {
            foreach (var (key, value) in new SandboxUrls(address.TrimEnd('/')).ToConfiguration())
            {
                LogSetting(logger, key, value);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Provider sandbox: {Key} = {Value}")]
    private static partial void LogSetting(ILogger logger, string key, string? value);
}

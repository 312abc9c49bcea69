using System.Net;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NavusoftSync.BuildingBlocks.MailServers;
using NavusoftSync.Synchronization.Providers.Google;
using NavusoftSync.Synchronization.Providers.Microsoft;
using NavusoftSync.Synchronization.Providers.Reading;
using NavusoftSync.Synchronization.Quota;

namespace NavusoftSync.Synchronization.Providers;

/// <summary>
/// The provider readers: one <see cref="IProviderReader"/> per provider (resolve <c>IEnumerable&lt;IProviderReader&gt;</c> and
/// pick by <see cref="IProviderReader.Provider"/>), their options, the per-mailbox concurrency gates and quota budgets
/// (shared through the module's database when there is one), and one named
/// IHttpClientFactory client per provider (<see cref="GraphSessionFactory.HttpClientName"/>, <see cref="GoogleSessionFactory.HttpClientName"/>).
/// </summary>
internal static class ProviderReadersSetup
{
    public static IServiceCollection AddProviderReaders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MicrosoftGraphOptions>()
            .Bind(configuration.GetSection(MicrosoftGraphOptions.SectionName))
            .Validate(o => IsHttpUrl(o.GraphBaseUrl), "Providers:Microsoft:GraphBaseUrl must be an absolute http(s) URL.")
            .ValidateOnStart();
        services.AddOptions<GoogleApiOptions>()
            .Bind(configuration.GetSection(GoogleApiOptions.SectionName))
            .Validate(o => IsHttpUrl(o.GmailBaseUrl) && IsHttpUrl(o.CalendarBaseUrl), "Providers:Google:GmailBaseUrl and :CalendarBaseUrl must be absolute http(s) URLs.")
            .ValidateOnStart();
        services.AddOptions<ProviderReadingOptions>()
            .Bind(configuration.GetSection(ProviderReadingOptions.SectionName))
            .Validate(o => o.IsValid(), "Sync:PageSize (1-500), :MaxConcurrentRequestsPerMailbox (>= 1), :GoogleConcurrentRequestsPerMailbox (1-50), :MaxAttempts (1-10) and the retry delays (0 <= base <= max) are out of range.")
            .ValidateOnStart();

        services.AddOptions<QuotaOptions>()
            .Bind(configuration.GetSection(QuotaOptions.SectionName))
            .Validate(o => o.IsValid(), "Sync:Quota: every :Limit and :WindowSeconds must be >= 1, :GrantHoldMilliseconds 0-10000, and each burst (0.1 x Limit less the hold's refill) at least one unit.")
            .ValidateOnStart();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IQuotaLedger>(provider => provider.GetService<IDocumentStore>() is { } store
            ? new PostgresQuotaLedger(store)
            : new ProcessQuotaLedger(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<MailboxQuotas>();
        services.TryAddSingleton<MailboxGates>();
        services.AddHttpClient(GraphSessionFactory.HttpClientName).ConfigurePrimaryHttpMessageHandler(PrimaryHandler);
        services.AddHttpClient(GoogleSessionFactory.HttpClientName).ConfigurePrimaryHttpMessageHandler(PrimaryHandler);
        services.TryAddSingleton<GraphSessionFactory>();
        services.TryAddSingleton<GoogleSessionFactory>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProviderReader, GraphReader>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProviderReader, GoogleReader>());
        services.AddMailServers(configuration);
        services.TryAddSingleton<Imap.Mail.ImapMailReader>();
        services.TryAddSingleton<Imap.CalDav.CalDavReader>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProviderReader, Imap.ImapReader>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Push.IPushProvider, GraphPushProvider>());
        services.AddGooglePush();
        return services;
    }

    private static HttpMessageHandler PrimaryHandler() =>
        new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.All };

    private static bool IsHttpUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

using Microsoft.Extensions.Configuration;

namespace NavusoftSync.Synchronization.Push;

/// <summary>
/// Push notification settings (CONTRACT.md, configuration): <c>Links:WebhookBaseUrl</c> (push is off while unset),
/// <c>Sync:PushEnabled</c>, <c>Sync:FallbackIntervalSeconds</c> and the Gmail Pub/Sub settings under
/// <c>Providers:Google</c> (Gmail push is off while the topic is unset).
/// </summary>
internal sealed class PushOptions
{
    /// <summary>The longest lifetime Graph grants a subscription on Outlook messages and events (10,070 minutes), less a margin for clock skew.</summary>
    public static readonly TimeSpan GraphLifetime = TimeSpan.FromMinutes(10_070) - TimeSpan.FromMinutes(10);

    /// <summary>The lifetime asked for a Google Calendar channel; Google may grant less (the answer's <c>expiration</c> counts).</summary>
    public static readonly TimeSpan CalendarChannelLifetime = TimeSpan.FromDays(7);

    /// <summary>A Gmail watch is renewed daily (Google asks for at least every 7 days).</summary>
    public static readonly TimeSpan GmailRenewEvery = TimeSpan.FromDays(1);

    /// <summary>A subscription or channel is renewed once less than this remains of it.</summary>
    public static readonly TimeSpan RenewWhenUnder = TimeSpan.FromHours(24);

    public string? WebhookBaseUrl { get; set; }

    public bool PushEnabled { get; set; } = true;

    public int FallbackIntervalSeconds { get; set; } = 900;

    /// <summary>How often each link's upkeep looks at its registrations (<c>Sync:PushUpkeepSeconds</c>); renewal starts 24 hours before expiry, so hourly is ample.</summary>
    public int UpkeepSeconds { get; set; } = 3600;

    public string? PubSubTopic { get; set; }

    public string? PubSubAudience { get; set; }

    public string? PubSubServiceAccount { get; set; }

    public string PubSubCertsUrl { get; set; } = "https://www.googleapis.com/oauth2/v3/certs";

    /// <summary>Push is on: enabled, with a public base URL for the webhooks.</summary>
    public bool IsOn => PushEnabled && WebhookBase is not null;

    /// <summary>Gmail push is on: push is on and a Pub/Sub topic is configured.</summary>
    public bool GmailIsOn => IsOn && !string.IsNullOrWhiteSpace(PubSubTopic);

    /// <summary>The webhook base URL without a trailing slash, or null when unset or not an absolute http(s) URL.</summary>
    public string? WebhookBase =>
        Uri.TryCreate(WebhookBaseUrl?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri.AbsoluteUri.TrimEnd('/')
            : null;

    public TimeSpan FallbackInterval => TimeSpan.FromSeconds(Math.Max(1, FallbackIntervalSeconds));

    public TimeSpan UpkeepInterval => TimeSpan.FromSeconds(Math.Max(1, UpkeepSeconds));

    public static void Bind(PushOptions options, IConfiguration configuration)
    {
        options.WebhookBaseUrl = configuration["Links:WebhookBaseUrl"];
        options.PushEnabled = configuration.GetValue("Sync:PushEnabled", options.PushEnabled);
        options.FallbackIntervalSeconds = configuration.GetValue("Sync:FallbackIntervalSeconds", options.FallbackIntervalSeconds);
        options.UpkeepSeconds = configuration.GetValue("Sync:PushUpkeepSeconds", options.UpkeepSeconds);
        var google = configuration.GetSection("Providers:Google");
        options.PubSubTopic = google["PubSubTopic"];
        options.PubSubAudience = google["PubSubAudience"];
        options.PubSubServiceAccount = google["PubSubServiceAccount"];
        options.PubSubCertsUrl = google["PubSubCertsUrl"] is { Length: > 0 } certs ? certs : options.PubSubCertsUrl;
    }
}

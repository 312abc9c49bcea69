using Google.Apis.Http;
using NavusoftSync.Synchronization.Providers.Google.Calendar;
using NavusoftSync.Synchronization.Providers.Google.Gmail;

namespace NavusoftSync.Synchronization.Providers.Google;

/// <summary>The Gmail and Calendar clients of one mailbox for one reader call, over one ConfigurableHttpClient.</summary>
internal sealed class GoogleSession(ConfigurableHttpClient http, GmailClient gmail, CalendarClient calendar) : IDisposable
{
    public GmailClient Gmail { get; } = gmail;

    public CalendarClient Calendar { get; } = calendar;

    public void Dispose() => http.Dispose();
}

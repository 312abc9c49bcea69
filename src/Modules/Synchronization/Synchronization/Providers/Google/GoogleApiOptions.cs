namespace NavusoftSync.Synchronization.Providers.Google;

/// <summary>The Gmail and Calendar endpoints, from <c>Providers:Google</c> (the Linking module binds the OAuth keys of the same section).</summary>
internal sealed class GoogleApiOptions
{
    public const string SectionName = "Providers:Google";

    public string GmailBaseUrl { get; set; } = "https://gmail.googleapis.com/gmail/v1";

    public string CalendarBaseUrl { get; set; } = "https://www.googleapis.com/calendar/v3";
}

namespace NavusoftSync.Linking.Contracts;

/// <summary>The provider ids every module uses (CONTRACT.md: <c>microsoft</c>, <c>google</c>).</summary>
public static class LinkProviders
{
    public const string Microsoft = "microsoft";
    public const string Google = "google";

    /// <summary>A password (app-password) mailbox: IMAP for mail, optionally CalDAV for the calendar.</summary>
    public const string Imap = "imap";
}

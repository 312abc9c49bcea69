namespace NavusoftSync.Tools.ProviderSandbox.State;

/// <summary>The kinds of change cursors a mailbox hands out; each can be expired on its own.</summary>
internal enum CursorScope
{
    GraphMail,
    GraphCalendar,
    GmailHistory,
    GoogleCalendar,
}

namespace NavusoftSync.Tools.ProviderSandbox.State.Messages;

/// <summary>The well-known Outlook folders a sandbox message can live in.</summary>
internal enum MailFolder
{
    Inbox,
    SentItems,
    Drafts,
}

internal static class MailFolders
{
    public static string WellKnownName(this MailFolder folder) => folder switch
    {
        MailFolder.SentItems => "sentitems",
        MailFolder.Drafts => "drafts",
        _ => "inbox",
    };

    public static string DisplayName(this MailFolder folder) => folder switch
    {
        MailFolder.SentItems => "Sent Items",
        MailFolder.Drafts => "Drafts",
        _ => "Inbox",
    };

    public static bool TryParse(string? name, out MailFolder folder)
    {
        folder = (name ?? string.Empty).Trim().ToLowerInvariant() switch
        {
            "inbox" => MailFolder.Inbox,
            "sentitems" or "sent" => MailFolder.SentItems,
            "drafts" or "draft" => MailFolder.Drafts,
            _ => (MailFolder)(-1),
        };
        return Enum.IsDefined(folder);
    }

    /// <summary>Gmail's system labels for a folder.</summary>
    public static IReadOnlyList<string> DefaultLabels(this MailFolder folder) => folder switch
    {
        MailFolder.SentItems => ["SENT"],
        MailFolder.Drafts => ["DRAFT"],
        _ => ["UNREAD", "CATEGORY_PERSONAL", "INBOX"],
    };
}

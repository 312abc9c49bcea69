using MailKit;
using MailKit.Net.Imap;

namespace NavusoftSync.Synchronization.Providers.Imap.Mail;

/// <summary>
/// Finds a role's folder: INBOX; the Sent folder by SPECIAL-USE <c>\Sent</c> (RFC 6154), else by its usual names. A folder a
/// cursor already names is kept while it exists, so a second folder that looks like Sent never swaps in mid-life.
/// </summary>
internal static class ImapFolders
{
    /// <summary>Names of the Sent folder where the server marks none, in the order they are preferred (case-insensitive).</summary>
    public static readonly IReadOnlyList<string> SentNames = ["Sent", "Sent Items", "Sent Messages", "INBOX.Sent", "[Gmail]/Sent Mail"];

    /// <summary>The role's folder, not opened (SPECIAL-USE or XLIST marks, then names only); null when the mailbox has none (no Sent folder, or it was deleted).</summary>
    public static async Task<IMailFolder?> FindAsync(ImapClient client, string role, string? knownPath, CancellationToken cancellationToken)
    {
        if (role == ImapMailIds.Inbox)
        {
            return client.Inbox;
        }

        if (knownPath is not null && await TryGetAsync(client, knownPath, cancellationToken) is { } known)
        {
            return known;
        }

        if ((client.Capabilities & (ImapCapabilities.SpecialUse | ImapCapabilities.XList)) != 0 && client.GetFolder(SpecialFolder.Sent) is { } special)
        {
            return special;
        }

        return await ByNameAsync(client, cancellationToken);
    }

    private static async Task<IMailFolder?> ByNameAsync(ImapClient client, CancellationToken cancellationToken)
    {
        if (client.PersonalNamespaces.Count == 0)
        {
            return null;
        }

        var folders = await client.GetFoldersAsync(client.PersonalNamespaces[0], StatusItems.None, false, cancellationToken);
        var usable = folders.Where(f => f.Exists && !f.Attributes.HasFlag(FolderAttributes.NoSelect)).ToList();
        return SentNames.Select(name => usable.FirstOrDefault(f => string.Equals(f.FullName, name, StringComparison.OrdinalIgnoreCase))).FirstOrDefault(f => f is not null);
    }

    private static async Task<IMailFolder?> TryGetAsync(ImapClient client, string path, CancellationToken cancellationToken)
    {
        try
        {
            var folder = await client.GetFolderAsync(path, cancellationToken);
            return folder.Exists && !folder.Attributes.HasFlag(FolderAttributes.NoSelect) ? folder : null;
        }
        catch (FolderNotFoundException)
        {
            return null;
        }
    }
}

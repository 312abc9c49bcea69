using System.Globalization;

namespace NavusoftSync.Synchronization.Providers.Imap.Mail;

/// <summary>
/// The two folders a round reads and the provider ids of their messages: <c>{role}:{uidValidity}:{uid}</c> with role
/// <c>inbox</c> or <c>sent</c>, so an id names one message for as long as its folder keeps its UIDVALIDITY.
/// </summary>
internal static class ImapMailIds
{
    public const string Inbox = "inbox";

    public const string Sent = "sent";

    /// <summary>The roles in the order a round reads them.</summary>
    public static readonly IReadOnlyList<string> Roles = [Inbox, Sent];

    /// <summary><see cref="MailItem.Folder"/> of a role's messages.</summary>
    public static string FolderOf(string role) => role == Sent ? "sentitems" : "inbox";

    public static string Of(string role, uint uidValidity, uint uid) =>
        string.Create(CultureInfo.InvariantCulture, $"{role}:{uidValidity}:{uid}");

    /// <summary>The parts of a provider id of ours; false for anything else (another provider's id, a forged one).</summary>
    public static bool TryParse(string? providerId, out string role, out uint uidValidity, out uint uid)
    {
        (role, uidValidity, uid) = (string.Empty, 0, 0);
        var parts = (providerId ?? string.Empty).Split(':');
        if (parts.Length != 3 || !Roles.Contains(parts[0], StringComparer.Ordinal)
            || !uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out uidValidity)
            || !uint.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out uid) || uid == 0)
        {
            return false;
        }

        role = parts[0];
        return true;
    }
}

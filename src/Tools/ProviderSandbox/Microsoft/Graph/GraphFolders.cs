using System.Security.Cryptography;
using System.Text;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.State.Messages;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph;

/// <summary>Stable per-mailbox folder ids, and resolution of an id or a well-known name (<c>inbox</c>, <c>sentitems</c>, <c>drafts</c>).</summary>
internal static class GraphFolders
{
    public static string IdOf(MailboxIdentity owner, MailFolder folder) =>
        "AQMkAD" + SandboxIds.Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(owner.Email.ToLowerInvariant() + "/" + folder.WellKnownName())));

    public static string RootId(MailboxIdentity owner) =>
        "AQMkAD" + SandboxIds.Base64Url(SHA256.HashData(Encoding.UTF8.GetBytes(owner.Email.ToLowerInvariant() + "/msgfolderroot")));

    public static bool TryResolve(MailboxIdentity owner, string idOrName, out MailFolder folder)
    {
        if (MailFolders.TryParse(idOrName, out folder) && !idOrName.Equals("sent", StringComparison.OrdinalIgnoreCase) && !idOrName.Equals("draft", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var candidate in Enum.GetValues<MailFolder>())
        {
            if (IdOf(owner, candidate).Equals(idOrName, StringComparison.Ordinal))
            {
                folder = candidate;
                return true;
            }
        }

        return false;
    }
}

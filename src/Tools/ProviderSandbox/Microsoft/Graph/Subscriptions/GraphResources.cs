using System.Text.RegularExpressions;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph.Subscriptions;

/// <summary>
/// The subscription resources the sandbox knows: <c>me/mailFolders('{folder}')/messages</c>, <c>me/messages</c> and
/// <c>me/events</c>, with or without a leading slash, and <c>users/{id or address}/…</c> for the token's own mailbox.
/// </summary>
internal static partial class GraphResources
{
    public static GraphResourceMatch Parse(string? resource, MailboxIdentity owner)
    {
        var match = Shape().Match(resource?.Trim() ?? string.Empty);
        if (!match.Success)
        {
            return GraphResourceMatch.Unsupported;
        }

        var user = match.Groups["user"].Value;
        if (user.Length > 0 && !user.Equals(owner.Email, StringComparison.OrdinalIgnoreCase) && !user.Equals(owner.ObjectId.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            return GraphResourceMatch.OtherUser;
        }

        if (match.Groups["events"].Success)
        {
            return new GraphResourceMatch(new GraphSubscriptionTarget(true, null), false);
        }

        var folder = match.Groups["folder"].Value;
        if (folder.Length == 0)
        {
            return new GraphResourceMatch(new GraphSubscriptionTarget(false, null), false);
        }

        return GraphFolders.TryResolve(owner, folder, out var resolved)
            ? new GraphResourceMatch(new GraphSubscriptionTarget(false, resolved), false)
            : GraphResourceMatch.Unsupported;
    }

    [GeneratedRegex(
        @"^/?(me|users(\('(?<user>[^'/]+)'\)|/(?<user>[^/]+)))/((?<events>events)|messages|mailfolders(\('(?<folder>[^'/]+)'\)|/(?<folder>[^/]+))/messages)/?$",
        RegexOptions.IgnoreCase | RegexOptions.ExplicitCapture)]
    private static partial Regex Shape();
}

/// <summary>A parsed resource: its target, or why it cannot be subscribed to (null target).</summary>
internal sealed record GraphResourceMatch(GraphSubscriptionTarget? Target, bool IsOtherUser)
{
    public static readonly GraphResourceMatch Unsupported = new(null, false);

    public static readonly GraphResourceMatch OtherUser = new(null, true);
}

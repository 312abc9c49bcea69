namespace NavusoftSync.Linking.Links.Listing;

/// <summary>The status values of CONTRACT.md.</summary>
internal static class LinkStatus
{
    public const string Active = "Active";
    public const string Syncing = "Syncing";
    public const string ReauthRequired = "ReauthRequired";
    public const string Failed = "Failed";
    public const string Unlinked = "Unlinked";

    /// <summary>The link's own state wins (re-authorization needed, unlinked); an active link shows its sync activity.</summary>
    public static string Of(Link link, LinkSyncActivity? activity) => link.State switch
    {
        LinkState.Unlinked => Unlinked,
        LinkState.ReauthRequired => ReauthRequired,
        _ when activity is { Syncing: true } => Syncing,
        _ when activity is { LastSyncFailed: true } => Failed,
        _ => Active,
    };
}

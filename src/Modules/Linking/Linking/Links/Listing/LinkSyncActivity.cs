namespace NavusoftSync.Linking.Links.Listing;

/// <summary>
/// What the Synchronization module reported about a link's syncs: the counts and last sync of
/// <c>GET /api/me/links</c>. Kept apart from <see cref="Link"/> (whose only writer is the link
/// stream) because its writer is <see cref="SyncActivityHandlers"/>, from the sync integration events
/// the Synchronization module publishes; a link none has reached yet shows no sync (counts 0,
/// <c>lastSyncAt</c> null). The transitions are pure, so those handlers only load, apply and store.
/// </summary>
public sealed record LinkSyncActivity(
    string Id,
    bool Syncing,
    DateTimeOffset? SyncStartedAt,
    DateTimeOffset? LastSyncAt,
    string? LastSyncError,
    bool LastSyncFailed,
    long EmailsSynced,
    long AppointmentsSynced,
    long ItemsSkipped = 0)
{
    public static LinkSyncActivity None(string linkId) => new(linkId, false, null, null, null, false, 0, 0);

    public LinkSyncActivity Started(DateTimeOffset at) => this with { Syncing = true, SyncStartedAt = at };

    /// <summary>A sync finished: the counts are what that sync added, and the items it skipped.</summary>
    public LinkSyncActivity Succeeded(DateTimeOffset at, long emails, long appointments, long skipped = 0) => this with
    {
        Syncing = false,
        LastSyncAt = at,
        LastSyncError = null,
        LastSyncFailed = false,
        EmailsSynced = EmailsSynced + emails,
        AppointmentsSynced = AppointmentsSynced + appointments,
        ItemsSkipped = ItemsSkipped + skipped,
    };

    public LinkSyncActivity Failed(DateTimeOffset at, string error) => this with { Syncing = false, LastSyncAt = at, LastSyncError = error, LastSyncFailed = true };
}

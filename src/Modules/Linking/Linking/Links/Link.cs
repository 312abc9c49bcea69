namespace NavusoftSync.Linking.Links;

public enum LinkState
{
    Active,
    ReauthRequired,
    Unlinked,
}

/// <summary>
/// A link of one Navusoft user to one external account of one provider: the write-side state of the
/// link stream (key <see cref="LinkIds.For"/>) and the inline snapshot <c>GET /api/me/links</c> reads.
/// </summary>
public sealed record Link(
    string Id,
    string UserId,
    string Provider,
    string ExternalAccountId,
    string ExternalAccount,
    LinkState State,
    DateTimeOffset LinkedAt,
    DateTimeOffset ChangedAt,
    string? ReauthReason)
{
    /// <summary>
    /// The one evolve of a link stream: folds one event onto a state (null before the first). The deciders fold with it
    /// and Marten's inline snapshot (<see cref="LinkProjection"/>) calls it, so both hold the same state.
    /// </summary>
    public static Link? Fold(Link? state, object e) => (state, e) switch
    {
        (null, Linked x) => new(x.LinkId, x.UserId, x.Provider, x.ExternalAccountId, x.ExternalAccount, LinkState.Active, x.At, x.At, null),
        (not null, Relinked x) =>
            state with { ExternalAccount = x.ExternalAccount, State = LinkState.Active, LinkedAt = x.At, ChangedAt = x.At, ReauthReason = null },
        (not null, ReauthRequired x) => state with { State = LinkState.ReauthRequired, ChangedAt = x.At, ReauthReason = x.Reason },
        (not null, Unlinked x) => state with { State = LinkState.Unlinked, ChangedAt = x.At, ReauthReason = null },
        (not null, SyncRequested) => state, // a request to sync changes nothing a link decision reads
        _ => state,
    };
}

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
    public static Link Create(Linked e) =>
        new(e.LinkId, e.UserId, e.Provider, e.ExternalAccountId, e.ExternalAccount, LinkState.Active, e.At, e.At, null);

    public Link Apply(Relinked e) =>
        this with { ExternalAccount = e.ExternalAccount, State = LinkState.Active, LinkedAt = e.At, ChangedAt = e.At, ReauthReason = null };

    public Link Apply(ReauthRequired e) => this with { State = LinkState.ReauthRequired, ChangedAt = e.At, ReauthReason = e.Reason };

    public Link Apply(Unlinked e) => this with { State = LinkState.Unlinked, ChangedAt = e.At, ReauthReason = null };

    /// <summary>Folds one event onto a state (null before the first), as Marten does.</summary>
    public static Link? Fold(Link? state, object e) => (state, e) switch
    {
        (null, Linked x) => Create(x),
        (not null, Relinked x) => state.Apply(x),
        (not null, ReauthRequired x) => state.Apply(x),
        (not null, Unlinked x) => state.Apply(x),
        _ => state,
    };
}

using NavusoftSync.BuildingBlocks.Domain;

namespace NavusoftSync.Linking.Links;

/// <summary>
/// The one rule for what a user asks of one of their links (a sync, a completeness check): the link must exist and be
/// theirs (anyone else gets the answer of a link that does not exist), and be active: a link that needs
/// re-authorization or was unlinked is a conflict saying what to do.
/// </summary>
internal static class OwnedActiveLink
{
    /// <param name="canWhat">What the link could not do, as in "before it can sync" / "before it can be checked".</param>
    /// <param name="toDoWhat">What linking again allows, as in "to sync it" / "to check it".</param>
    public static Link Require(string linkId, string userId, Link? state, string canWhat, string toDoWhat) => state switch
    {
        null => throw DomainException.NotFound("Link", linkId),
        _ when state.UserId != userId => throw DomainException.NotFound("Link", linkId),
        { State: LinkState.ReauthRequired } => throw DomainException.Conflict("Re-authorization required",
            $"{state.ExternalAccount} must be linked again before it can {canWhat}: the provider no longer accepts the stored sign-in."),
        { State: LinkState.Unlinked } => throw DomainException.Conflict("Link unlinked", $"{state.ExternalAccount} was unlinked; link it again {toDoWhat}."),
        _ => state,
    };
}

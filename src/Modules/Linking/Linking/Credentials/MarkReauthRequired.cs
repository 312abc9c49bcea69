using NavusoftSync.Linking.Links;

namespace NavusoftSync.Linking.Credentials;

/// <summary>The provider refused a link's grant for good.</summary>
internal static class MarkReauthRequired
{
    /// <summary>An active link becomes <see cref="ReauthRequired"/>; one already waiting for the user, or unlinked, stays as it is.</summary>
    public static IReadOnlyList<object> Decide(Link? state, string reason, DateTimeOffset now) =>
        state is { State: LinkState.Active } ? [new ReauthRequired(state.Id, state.UserId, state.Provider, reason, now)] : [];
}

using NavusoftSync.Linking.Links;
using NavusoftSync.Linking.Providers;

namespace NavusoftSync.Linking.Credentials;

/// <summary>
/// What a person reads when a link's stored sign-in stops working (the link's <c>reauthReason</c> and <c>lastSyncError</c>):
/// what happened and what to do, naming the provider and the account as the person knows them. The provider's error
/// code goes to the log line with the link id, never into these sentences.
/// </summary>
internal static class ReauthSentences
{
    /// <summary>The provider refused the stored grant for good (revoked, expired, password changed, consent withdrawn).</summary>
    public static string SignInRefused(Link link) =>
        $"{NameOf(link)} no longer accepts the sign-in stored for {link.ExternalAccount} (it was revoked, expired or changed). " +
        "Link the account again from your profile to resume syncing.";

    /// <summary>The provider granted no lasting sign-in (no refresh token) when the account was linked.</summary>
    public static string NoLastingSignIn(Link link) =>
        $"{NameOf(link)} did not let NavusoftSync stay signed in to {link.ExternalAccount}. Link the account again from your profile to resume syncing.";

    /// <summary>The provider could not renew the sign-in just now (down, or answering errors): nothing for the person to do.</summary>
    public static string RenewalUnavailable(Link link) =>
        $"{NameOf(link)} could not renew NavusoftSync's access to {link.ExternalAccount} just now; the sync tries again at its next run.";

    private static string NameOf(Link link) => ProviderCatalog.Find(link.Provider)?.Name ?? "Your provider";
}

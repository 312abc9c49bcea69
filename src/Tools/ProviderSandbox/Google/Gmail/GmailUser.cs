using NavusoftSync.Tools.ProviderSandbox.Google.Shared;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Google.Gmail;

internal static class GmailUser
{
    /// <summary>The <c>userId</c> path segment must be <c>me</c> or the token's own address; anyone else is a delegation Gmail denies.</summary>
    public static IResult? Check(Mailbox mailbox, string userId) =>
        userId.Equals("me", StringComparison.OrdinalIgnoreCase) || userId.Equals(mailbox.Email, StringComparison.OrdinalIgnoreCase)
            ? null
            : GoogleApiErrors.Forbidden("Delegation denied for " + mailbox.Email);
}

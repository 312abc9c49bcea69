using Microsoft.Kiota.Abstractions.Authentication;

namespace NavusoftSync.Synchronization.Providers.Microsoft;

/// <summary>
/// The link's access token for every Graph request (the callback refreshes when needed, or throws
/// <see cref="ReauthRequiredException"/>). Only the configured Graph host is allowed: Kiota sends no token anywhere else, and
/// sends none at all to a host missing from the list — which is why a local Graph URL must be listed explicitly.
/// </summary>
internal sealed class MailboxTokenProvider(MailboxAccess access, string graphHost) : IAccessTokenProvider
{
    public AllowedHostsValidator AllowedHostsValidator { get; } = new([graphHost]);

    public async Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
        AllowedHostsValidator.IsUrlHostValid(uri) ? await access.GetAccessTokenAsync(cancellationToken) : string.Empty;
}

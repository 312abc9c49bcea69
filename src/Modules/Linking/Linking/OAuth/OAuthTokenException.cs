using System.Net;

namespace NavusoftSync.Linking.OAuth;

/// <summary>
/// A provider refused a token request (<c>{error, error_description, error_codes}</c>) or could not
/// be reached. The message never holds a token.
/// </summary>
internal sealed class OAuthTokenException(string provider, HttpStatusCode? status, string error, string? description, IReadOnlyList<long>? errorCodes = null, Exception? inner = null)
    : Exception($"{provider} token endpoint answered {(status is null ? "nothing" : ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture))}: {error}", inner)
{
    public string Provider { get; } = provider;

    public HttpStatusCode? Status { get; } = status;

    /// <summary>The OAuth error code (<c>invalid_grant</c>, …), or <c>unavailable</c> when the provider could not be reached.</summary>
    public string Error { get; } = error;

    public string? Description { get; } = description;

    /// <summary>Microsoft's numeric AADSTS codes.</summary>
    public IReadOnlyList<long> ErrorCodes { get; } = errorCodes ?? [];

    public long FirstErrorCode => ErrorCodes.Count > 0 ? ErrorCodes[0] : 0;

    /// <summary>
    /// The grant itself is dead (revoked, expired, password changed, consent withdrawn, MFA now
    /// required): only the user can fix it by linking again.
    /// </summary>
    public bool RequiresReauthorization => Error is "invalid_grant" or "interaction_required" or "consent_required" or "login_required";

    /// <summary>A 4xx answer: the request was refused, retrying it unchanged will not help.</summary>
    public bool IsRefusal => Status is { } s && (int)s is >= 400 and < 500;
}

using Microsoft.AspNetCore.WebUtilities;

namespace NavusoftSync.Tools.ProviderSandbox.Tokens;

/// <summary>Builds the auto-consent redirect back to the client (success or OAuth error parameters).</summary>
internal static class OAuthRedirect
{
    public static IResult To(string redirectUri, IEnumerable<KeyValuePair<string, string?>> parameters) =>
        Results.Redirect(QueryHelpers.AddQueryString(redirectUri, parameters.Where(p => p.Value is not null)));

    public static IResult Error(string redirectUri, string error, string description, string? state) => To(redirectUri,
    [
        new("error", error),
        new("error_description", description),
        new("state", state),
    ]);

    /// <summary>An error the user would see in the browser, when there is no trustworthy redirect_uri to send it to.</summary>
    public static IResult Page(int statusCode, string error, string description) =>
        Results.Text($"{error}: {description}", "text/plain; charset=utf-8", statusCode: statusCode);

    public static bool IsAbsoluteHttpUri(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.Fragment);

    public static bool HasScope(string scope, string name) =>
        scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(name, StringComparer.OrdinalIgnoreCase);
}

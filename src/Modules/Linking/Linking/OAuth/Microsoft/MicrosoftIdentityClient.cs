using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace NavusoftSync.Linking.OAuth.Microsoft;

/// <summary>
/// The Microsoft identity platform v2 token endpoint (<c>{AuthorityUrl}/{TenantId}/oauth2/v2.0/token</c>)
/// over a plain <see cref="HttpClient"/>: authorization code (with the PKCE verifier) and refresh
/// token grants, confidential client (secret in the form body). Success bodies are
/// <c>{access_token, refresh_token?, expires_in, scope, id_token?}</c>; errors
/// <c>{error, error_description, error_codes}</c> become <see cref="OAuthTokenException"/>.
/// Refresh tokens rotate: every successful grant carries a new one, which the caller must store.
/// </summary>
internal sealed class MicrosoftIdentityClient(HttpClient http, IOptions<MicrosoftOptions> options)
{
    private const string Provider = "microsoft";
    private MicrosoftOptions Options => options.Value;

    public Uri AuthorizationUrl(AuthorizationRequest request)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = Options.ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = request.RedirectUri,
            ["response_mode"] = "query",
            ["scope"] = MicrosoftOptions.Scopes,
            ["state"] = request.State,
            ["code_challenge"] = request.CodeChallenge,
            ["code_challenge_method"] = Pkce.Method,

            // The person always sees and picks the account being linked, even when the browser is
            // signed in to one already: no silent single sign-on into a mailbox they did not mean.
            ["prompt"] = "select_account",
        };
        if (!string.IsNullOrWhiteSpace(request.LoginHint))
        {
            query["login_hint"] = request.LoginHint;
        }

        return new Uri(QueryHelpers.AddQueryString(Options.AuthorizeEndpoint.AbsoluteUri, query));
    }

    public Task<TokenGrant> RedeemCodeAsync(string code, string codeVerifier, string redirectUri, CancellationToken cancellationToken) =>
        PostAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["code_verifier"] = codeVerifier,
            ["scope"] = MicrosoftOptions.Scopes,
        }, cancellationToken);

    public Task<TokenGrant> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        PostAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["scope"] = MicrosoftOptions.Scopes,
        }, cancellationToken);

    private async Task<TokenGrant> PostAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        form["client_id"] = Options.ClientId ?? string.Empty;
        form["client_secret"] = Options.ClientSecret ?? string.Empty;
        HttpResponseMessage response;
        try
        {
            using var content = new FormUrlEncodedContent(form);
            response = await http.PostAsync(Options.TokenEndpoint, content, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new OAuthTokenException(Provider, null, "unavailable", "The token endpoint could not be reached.", inner: e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return Parse(response.StatusCode, body);
        }
    }

    /// <summary>Reads a token endpoint answer: a grant for 2xx, otherwise <see cref="OAuthTokenException"/>.</summary>
    internal static TokenGrant Parse(HttpStatusCode status, string body)
    {
        JsonDocument? document = null;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            // Not JSON (a gateway's HTML page, say): reported below by status only.
        }

        using (document)
        {
            var root = document?.RootElement;
            var isObject = root?.ValueKind == JsonValueKind.Object;
            if ((int)status is >= 200 and < 300 && isObject && String(root!.Value, "access_token") is { Length: > 0 } accessToken)
            {
                return new TokenGrant(
                    accessToken,
                    String(root.Value, "refresh_token"),
                    TimeSpan.FromSeconds(Seconds(root.Value, "expires_in") ?? 3600),
                    String(root.Value, "scope"),
                    String(root.Value, "id_token"));
            }

            var error = isObject ? String(root!.Value, "error") : null;
            var description = isObject ? String(root!.Value, "error_description") : null;
            var codes = isObject && root!.Value.TryGetProperty("error_codes", out var c) && c.ValueKind == JsonValueKind.Array
                ? c.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.Number).Select(x => x.GetInt64()).ToList()
                : [];
            throw new OAuthTokenException(Provider, status, error ?? ((int)status >= 500 ? "server_error" : "invalid_response"), FirstLine(description), codes);
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary><c>expires_in</c> is a number, though some gateways send it as a string.</summary>
    private static long? Seconds(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var n) => n,
            JsonValueKind.String when long.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        } : null;

    /// <summary>Microsoft appends trace and correlation ids on further lines; keep the sentence.</summary>
    private static string? FirstLine(string? description) => description?.Split(['\r', '\n'], 2)[0];
}

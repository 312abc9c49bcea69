using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NavusoftSync.BuildingBlocks.Email;

namespace NavusoftSync.Linking.OAuth.Microsoft;

/// <summary><c>GET {GraphBaseUrl}/me</c> with a fresh access token: the signed-in account's id and address (<c>User.Read</c>).</summary>
internal sealed class MicrosoftGraphProfileClient(HttpClient http, IOptions<MicrosoftOptions> options)
{
    public async Task<ExternalAccount> GetMeAsync(string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, options.Value.MeEndpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new OAuthTokenException("microsoft", response.StatusCode, "profile_unavailable", "Microsoft Graph did not answer /me.");
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var root = document.RootElement;
        var id = Read(root, "id");
        var address = Read(root, "mail") ?? Read(root, "userPrincipalName");
        if (id is null || address is null)
        {
            throw new OAuthTokenException("microsoft", response.StatusCode, "profile_incomplete", "Microsoft Graph /me has no id or address.");
        }

        return new ExternalAccount(id, EmailAddressRule.Normalize(address), Read(root, "displayName"));
    }

    private static string? Read(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;
}

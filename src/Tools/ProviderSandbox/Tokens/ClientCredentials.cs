using System.Net.Http.Headers;
using System.Text;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;

namespace NavusoftSync.Tools.ProviderSandbox.Tokens;

/// <summary>The client of a token request: form fields <c>client_id</c>/<c>client_secret</c> or HTTP Basic.</summary>
internal sealed record ClientCredentials(string? ClientId, string? ClientSecret)
{
    public static ClientCredentials Read(HttpRequest request, IFormCollection form)
    {
        var clientId = NullIfEmpty(form["client_id"]);
        var secret = NullIfEmpty(form["client_secret"]);
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            && header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && header.Parameter is { } parameter)
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    clientId ??= Uri.UnescapeDataString(decoded[..colon]);
                    secret ??= Uri.UnescapeDataString(decoded[(colon + 1)..]);
                }
            }
            catch (FormatException)
            {
                // A malformed Basic header is ignored; the form fields decide.
            }
        }

        return new ClientCredentials(clientId, secret);
    }

    /// <summary>Any client id is accepted unless the options register clients for the provider; a registered null secret accepts any.</summary>
    public static bool IsKnownClient(SandboxOptions options, SandboxProvider provider, string? clientId)
    {
        var clients = Clients(options, provider);
        return !string.IsNullOrWhiteSpace(clientId) && (clients.Count == 0 || clients.ContainsKey(clientId));
    }

    public bool SecretAccepted(SandboxOptions options, SandboxProvider provider) =>
        ClientId is not null
        && (!Clients(options, provider).TryGetValue(ClientId, out var expected) || expected is null || string.Equals(expected, ClientSecret, StringComparison.Ordinal));

    private static IDictionary<string, string?> Clients(SandboxOptions options, SandboxProvider provider) =>
        provider == SandboxProvider.Microsoft ? options.MicrosoftClients : options.GoogleClients;

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

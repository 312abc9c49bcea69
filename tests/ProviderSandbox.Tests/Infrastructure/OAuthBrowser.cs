using Microsoft.AspNetCore.WebUtilities;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

/// <summary>Plays the browser: follows an authorize URL to the sandbox's redirect and reads the callback parameters.</summary>
internal static class OAuthBrowser
{
    public static async Task<IReadOnlyDictionary<string, string>> AuthorizeAsync(HttpClient http, string authorizeUrl, CancellationToken ct)
    {
        using var response = await http.GetAsync(new Uri(authorizeUrl), ct);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location ?? throw new InvalidOperationException("No Location header.");
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    public static string Url(string baseUrl, IEnumerable<KeyValuePair<string, string?>> parameters) => QueryHelpers.AddQueryString(baseUrl, parameters);
}

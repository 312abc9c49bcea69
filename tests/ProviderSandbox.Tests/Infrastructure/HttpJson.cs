using System.Text.Json.Nodes;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

internal static class HttpJson
{
    public static async Task<(int Status, JsonNode Body)> SendAsync(HttpClient http, HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return ((int)response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!);
    }

    public static Task<(int Status, JsonNode Body)> GetAsync(HttpClient http, string url, string? bearer, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (bearer is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        }

        return SendAsync(http, request, ct);
    }

    public static Task<(int Status, JsonNode Body)> PostFormAsync(HttpClient http, string url, IEnumerable<KeyValuePair<string, string>> form, CancellationToken ct) =>
        SendAsync(http, new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) }, ct);
}

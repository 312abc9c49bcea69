using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.Testing;

namespace NavusoftSync.Bench;

/// <summary>The benchmarks' way onto a host's API: a client with a bearer token, and a link made through the consent flow.</summary>
internal static class BenchLinking
{
    /// <summary>A client of <paramref name="baseUrl"/> carrying a four-hour token for <paramref name="who"/>.</summary>
    public static HttpClient Client(string baseUrl, TokenRequest who)
    {
        var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Issue(who, TimeSpan.FromHours(4)));
        return client;
    }

    /// <summary>
    /// Starts a link to <paramref name="mailbox"/> as the user of <paramref name="user"/>, follows the user's browser through
    /// the sandbox's consent and relays the redirect back to the host's callback: answers the link id.
    /// </summary>
    public static async Task<string> LinkAsync(HttpClient user, string provider, string mailbox)
    {
        using var startResponse = await user.PostAsJsonAsync("/api/me/links", new { provider, loginHint = mailbox });
        startResponse.EnsureSuccessStatusCode();
        var started = await startResponse.Content.ReadFromJsonAsync<JsonElement>();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var consent = await browser.GetAsync(new Uri(started.GetProperty("authorizationUrl").GetString()!));
        if (consent.StatusCode != HttpStatusCode.Redirect || consent.Headers.Location is null)
        {
            throw new InvalidOperationException($"The sandbox's consent answered {(int)consent.StatusCode} for {mailbox}, not a redirect.");
        }

        // Relayed with the user's token, as the reference UI does: the callback completes only for the user who started it.
        using var callback = await user.GetAsync(consent.Headers.Location);
        callback.EnsureSuccessStatusCode();
        return (await callback.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("linkId").GetString()!;
    }
}

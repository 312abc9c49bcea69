using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NavusoftSync.Testing;

namespace NavusoftSync.Calendar.IntegrationTests;

/// <summary>
/// Sets a tenant's visibility levels as its users do, over HTTP (<c>PUT /api/admin/privacy</c>, <c>PUT
/// /api/me/privacy</c>): the Synchronization module appends the change to the tenant's privacy stream, and the
/// calendar reads it through <c>GetVisibilityRules</c>.
/// </summary>
internal static class PrivacyWorld
{
    /// <summary>The tenant's <c>accountVisibility</c> (nothing blocked or excluded).</summary>
    public static async Task SetTenantVisibilityAsync(this AppFixture fixture, string tenant, string level)
    {
        using var response = await fixture.ClientFor(Tokens.Admin(tenant)).PutAsJsonAsync("/api/admin/privacy", new { accountVisibility = level, reason = "test" });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT /api/admin/privacy: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>A user's own <c>accountVisibility</c> (at least as strict as the tenant's).</summary>
    public static async Task SetUserVisibilityAsync(this AppFixture fixture, string tenant, string userId, string level)
    {
        using var response = await fixture.ClientFor(Tokens.User(tenant, userId)).PutAsJsonAsync("/api/me/privacy", new { accountVisibility = level });
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"PUT /api/me/privacy: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Every calendar item of a range or day answer as "id title visibility".</summary>
    public static List<string> Shown(JsonElement answer)
    {
        var items = answer.TryGetProperty("days", out var days)
            ? days.EnumerateArray().SelectMany(d => d.GetProperty("items").EnumerateArray())
            : answer.GetProperty("items").EnumerateArray();
        return [.. items.Select(i => $"{i.GetProperty("id").GetString()} {i.GetProperty("title").GetString()} {i.GetProperty("visibility").GetString()}")];
    }
}

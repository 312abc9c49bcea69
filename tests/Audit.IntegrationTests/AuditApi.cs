using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NavusoftSync.Audit.IntegrationTests;

/// <summary>Reads of the audit calls, asserting the status on the way.</summary>
internal static class AuditApi
{
    public static async Task<JsonElement[]> EventsAsync(HttpClient admin, string streamId, string query = "")
    {
        var response = await admin.GetAsync($"/api/audit/streams/{Uri.EscapeDataString(streamId)}/events{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
    }

    public static async Task<JsonElement> StateAsync(HttpClient admin, string streamId, string query = "")
    {
        var response = await admin.GetAsync($"/api/audit/streams/{Uri.EscapeDataString(streamId)}/state{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static string? Header(this JsonElement auditEvent, string name) =>
        auditEvent.GetProperty("headers").TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static string Type(this JsonElement auditEvent) => auditEvent.GetProperty("type").GetString()!;
}

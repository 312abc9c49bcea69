using System.Text.Json;
using System.Text.Json.Nodes;

namespace NavusoftSync.Tools.ProviderSandbox.Json;

/// <summary>Reads provider request bodies leniently: malformed JSON is null, a property of the wrong kind is absent.</summary>
internal static class RequestJson
{
    public static async Task<JsonObject?> ReadObjectAsync(HttpContext http)
    {
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? Text(JsonObject? body, string name) =>
        body is not null && body.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;
}

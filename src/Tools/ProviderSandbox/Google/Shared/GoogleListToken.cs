using System.Text.Json;
using System.Text.Json.Serialization;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Google.Shared;

/// <summary>Opaque page/sync tokens of the Google APIs: base64url JSON of a record.</summary>
internal static class GoogleListToken
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault };

    public static string Encode<T>(T value) => SandboxIds.Base64Url(JsonSerializer.SerializeToUtf8Bytes(value, Options));

    public static T? Decode<T>(string? token)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(token) || SandboxIds.FromBase64Url(token) is not { } bytes)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

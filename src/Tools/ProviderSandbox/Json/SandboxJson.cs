using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NavusoftSync.Tools.ProviderSandbox.Json;

/// <summary>JSON settings of the control API and scenario files (camelCase, enums as camelCase strings).</summary>
internal static class SandboxJson
{
    /// <summary>Options for provider wire payloads built as <see cref="System.Text.Json.Nodes.JsonNode"/>s.</summary>
    public static readonly JsonSerializerOptions Wire = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        MaxDepth = 1024, // hostile test payloads (deeply nested MIME parts) nest deeper than the default 64
    };

    public static JsonSerializerOptions Create(TimeProvider clock)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(options, clock);
        return options;
    }

    public static void Apply(JsonSerializerOptions options, TimeProvider clock)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.ReadCommentHandling = JsonCommentHandling.Skip;
        options.AllowTrailingCommas = true;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.Converters.Add(new RelativeTimeJsonConverter(clock));
    }
}

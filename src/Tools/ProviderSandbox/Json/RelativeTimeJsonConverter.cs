using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NavusoftSync.Tools.ProviderSandbox.Json;

/// <summary>
/// Reads instants as ISO-8601, as a date (midnight UTC), or relative to the sandbox clock so scenario files do not age:
/// <c>now</c>, <c>now-3d</c>, <c>now+90m</c>, <c>today+1d@14:30</c> (today = midnight UTC; units d, h, m).
/// </summary>
internal sealed class RelativeTimeJsonConverter(TimeProvider clock) : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        return RelativeTime.TryParse(text, clock.GetUtcNow(), out var value)
            ? value
            : throw new JsonException($"'{text}' is not an ISO-8601 instant, a date, or a relative time such as 'now-2d' or 'today+1d@14:00'.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("O", CultureInfo.InvariantCulture));
}

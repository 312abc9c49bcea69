using System.Text.Json;
using System.Text.Json.Serialization;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Tools.ProviderSandbox.Json;

/// <summary>Reads an address from <c>"Name &lt;addr&gt;"</c> or <c>{"address","name"}</c>; writes the object form.</summary>
internal sealed class SandboxAddressJsonConverter : JsonConverter<SandboxAddress>
{
    public override SandboxAddress Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return SandboxAddress.Parse(reader.GetString() ?? throw new JsonException("An address cannot be null."));
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("An address is a string or an object with 'address' and 'name'.");
        }

        string? address = null;
        string? name = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            reader.Read();
            if (string.Equals(property, "address", StringComparison.OrdinalIgnoreCase))
            {
                address = reader.GetString();
            }
            else if (string.Equals(property, "name", StringComparison.OrdinalIgnoreCase))
            {
                name = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }

        return string.IsNullOrWhiteSpace(address)
            ? throw new JsonException("An address object needs a non-empty 'address'.")
            : new SandboxAddress(address.Trim(), name);
    }

    public override void Write(Utf8JsonWriter writer, SandboxAddress value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("address", value.Address);
        if (value.Name is not null)
        {
            writer.WriteString("name", value.Name);
        }

        writer.WriteEndObject();
    }
}

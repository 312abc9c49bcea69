using System.Text.Json;
using Marten;

namespace NavusoftSync.BuildingBlocks.Audit;

/// <summary>Event data and aggregate state as Marten stores them (camelCase, enums as strings), so answers read like the rest of the API.</summary>
internal static class AuditJson
{
    public static JsonElement ToElement(IDocumentStore store, object? value)
    {
        if (value is null)
        {
            return JsonDocument.Parse("null").RootElement.Clone();
        }

        using var document = JsonDocument.Parse(store.Options.Serializer().ToJson(value));
        return document.RootElement.Clone();
    }
}

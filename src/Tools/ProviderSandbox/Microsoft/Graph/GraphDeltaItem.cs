using System.Text.Json.Nodes;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph;

/// <summary>One row of a delta round: a changed item, or (with <see cref="RemovedReason"/>) an <c>@removed</c> marker.</summary>
internal sealed record GraphDeltaItem(long Version, string Id, JsonObject? Item, string? RemovedReason, string? ODataType)
{
    public static GraphDeltaItem Changed(long version, string id, JsonObject item) => new(version, id, item, null, null);

    public static GraphDeltaItem Removed(long version, string id, string reason, string odataType) => new(version, id, null, reason, odataType);

    public JsonObject ToJson() => Item ?? new JsonObject
    {
        ["@odata.type"] = ODataType,
        ["id"] = Id,
        ["@removed"] = new JsonObject { ["reason"] = RemovedReason },
    };
}

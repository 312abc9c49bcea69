using System.Text.Json;
using System.Text.Json.Serialization;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph;

/// <summary>
/// The state a Graph <c>$skiptoken</c>/<c>$deltatoken</c> carries (opaque base64url JSON to clients): the round's version range
/// (<see cref="From"/>, <see cref="To"/>], the keyset position within the round, and the query options of the round's first request.
/// </summary>
internal sealed record GraphDeltaCursor
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault };

    public required string Kind { get; init; }

    public int Generation { get; init; }

    /// <summary>The first round reports no removals: the client had nothing to remove.</summary>
    public bool Initial { get; init; }

    public long From { get; init; }

    public long To { get; init; }

    public string? FolderId { get; init; }

    public DateTimeOffset? WindowStart { get; init; }

    public DateTimeOffset? WindowEnd { get; init; }

    public string? Select { get; init; }

    public string? ChangeType { get; init; }

    public DateTimeOffset? ReceivedSince { get; init; }

    public bool ReceivedInclusive { get; init; }

    public int? PageSize { get; init; }

    public long? AfterVersion { get; init; }

    public string? AfterId { get; init; }

    public string Encode() => SandboxIds.Base64Url(JsonSerializer.SerializeToUtf8Bytes(this, Options));

    public static GraphDeltaCursor? Decode(string token)
    {
        if (SandboxIds.FromBase64Url(token) is not { } bytes)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<GraphDeltaCursor>(bytes, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

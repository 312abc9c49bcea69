using System.Text.Json.Serialization;

namespace NavusoftSync.BuildingBlocks.Audit.Rebuilds;

[JsonConverter(typeof(JsonStringEnumConverter<RebuildState>))]
public enum RebuildState
{
    Pending,
    Running,
    Completed,
    Failed,
}

/// <summary>
/// One rebuild of every async projection, as <c>GET /api/admin/projections</c> shows it.
/// <see cref="RequestedBy"/> names the role that started it (<see cref="ByOperator"/>), never a user
/// or tenant id: the answer goes to every operator, and who asked is in the host's log.
/// </summary>
public sealed record RebuildRunStatus(
    Guid RebuildId, RebuildState State, string RequestedBy, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    IReadOnlyList<ProjectionRebuildStatus> Projections)
{
    public const string ByOperator = "operator";
}

/// <summary>One projection's part of a rebuild.</summary>
public sealed record ProjectionRebuildStatus(string Name, RebuildState State, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? Error);

/// <summary>An async projection: how far it has processed the events against the store's high-water mark.</summary>
public sealed record ProjectionProgress(string Name, string Kind, long Processed, long HighWaterMark, ProjectionRebuildStatus? Rebuild);

/// <summary>The answer of <c>GET /api/admin/projections</c>.</summary>
public sealed record ProjectionsOverview(long HighWaterMark, long EventSequence, RebuildRunStatus? Rebuild, IReadOnlyList<ProjectionProgress> Projections);

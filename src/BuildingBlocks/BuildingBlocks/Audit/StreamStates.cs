using System.Reflection;
using System.Text.Json;
using Marten;
using NavusoftSync.BuildingBlocks.Errors;

namespace NavusoftSync.BuildingBlocks.Audit;

/// <summary>A stream's aggregate state as of a version or an instant.</summary>
public sealed record StreamStateResponse(string StreamId, string AggregateType, long Version, DateTimeOffset? AsOf, JsonElement State);

/// <summary>
/// Folds a stream live (Marten's <c>AggregateStreamAsync</c> with a version or a timestamp) into
/// the aggregate type Marten recorded for the stream when it was started (<c>FetchForWriting&lt;T&gt;</c>
/// records it in <c>mt_streams.type</c>). Streams appended without an aggregate (the sync run
/// streams) have no state: 404 with a problem pointing at their events.
/// </summary>
internal static class StreamStates
{
    private static readonly MethodInfo AggregateMethod =
        typeof(StreamStates).GetMethod(nameof(AggregateAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static async Task<StreamStateResponse> ReadAsync(
        IQuerySession session, IDocumentStore store, string streamId, long? version, DateTimeOffset? asOf, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchStreamStateAsync(streamId, cancellationToken)
            ?? throw new NotFoundException("Stream", streamId);
        if (stream.AggregateType is null)
        {
            throw new ProblemException(
                404, "No aggregate for this stream",
                $"Stream '{streamId}' is not the stream of an aggregate, so it has no state; read its events at /api/audit/streams/{streamId}/events.");
        }

        if (version > stream.Version)
        {
            throw new FluentValidation.ValidationException(
                [new FluentValidation.Results.ValidationFailure("version", $"The stream is at version {stream.Version}.")]);
        }

        var atVersion = version ?? stream.Version;
        if (asOf is not null)
        {
            var upTo = await session.Events.FetchStreamAsync(streamId, timestamp: asOf, token: cancellationToken);
            atVersion = upTo.Count == 0 ? 0 : upTo.Max(e => e.Version);
        }

        var state = atVersion == 0
            ? null
            : await (Task<object?>)AggregateMethod.MakeGenericMethod(stream.AggregateType)
                .Invoke(null, [session, streamId, atVersion, cancellationToken])!;
        return new StreamStateResponse(streamId, stream.AggregateType.Name, atVersion, asOf, AuditJson.ToElement(store, state));
    }

    private static async Task<object?> AggregateAsync<T>(IQuerySession session, string streamId, long version, CancellationToken cancellationToken)
        where T : class =>
        await session.Events.AggregateStreamAsync<T>(streamId, version: version, token: cancellationToken);
}

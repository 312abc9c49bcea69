using System.Text.Json;
using JasperFx.Events;
using Marten;
using NavusoftSync.BuildingBlocks.Errors;

namespace NavusoftSync.BuildingBlocks.Audit;

/// <summary>
/// One event of a stream as the audit answers it; <c>id</c> is what the causation id of the events
/// it caused in other streams (through an integration event) refers to.
/// </summary>
public sealed record AuditEventResponse(
    long Sequence, long Version, string Type, DateTimeOffset Timestamp, JsonElement Data, IReadOnlyDictionary<string, object?> Headers, Guid Id);

/// <summary>A page of a stream's events, and the version the next page starts from (null on the last page).</summary>
internal sealed record StreamEventsPage(IReadOnlyList<AuditEventResponse> Events, long? NextFromVersion);

/// <summary>Reads a stream's events in order, a page at a time, within the session's tenant.</summary>
internal static class StreamEvents
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static async Task<StreamEventsPage> ReadAsync(
        IQuerySession session, IDocumentStore store, string streamId, long fromVersion, int limit, CancellationToken cancellationToken)
    {
        var state = await session.Events.FetchStreamStateAsync(streamId, cancellationToken)
            ?? throw new NotFoundException("Stream", streamId);
        var toVersion = fromVersion + limit - 1;
        var events = fromVersion > state.Version
            ? []
            : await session.Events.FetchStreamAsync(streamId, version: Math.Min(toVersion, state.Version), fromVersion: fromVersion, token: cancellationToken);
        return new StreamEventsPage(
            [.. events.OrderBy(e => e.Version).Select(e => ToResponse(store, e))],
            toVersion < state.Version ? toVersion + 1 : null);
    }

    internal static AuditEventResponse ToResponse(IDocumentStore store, IEvent e)
    {
        var headers = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [AuditHeaders.CorrelationId] = e.CorrelationId,
            [AuditHeaders.CausationId] = e.CausationId,
            [AuditHeaders.User] = e.UserName,
        };
        foreach (var (key, value) in e.Headers ?? [])
        {
            headers[key] = value;
        }

        return new AuditEventResponse(e.Sequence, e.Version, e.EventTypeName, e.Timestamp, AuditJson.ToElement(store, e.Data), headers, e.Id);
    }
}

using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace NavusoftSync.Audit.IntegrationTests;

/// <summary>One row per account event: the test's async projection (the host itself has none until the Calendar module).</summary>
public sealed record AuditTrailEntry(string Id, string StreamId, long Version, string Type);

/// <summary>
/// An async projection of the account events, registered only in the rebuild tests. Deterministic
/// and keyed by event id, so a rebuild yields exactly the same rows.
/// </summary>
public sealed class AuditTrailProjection : IProjection
{
    public const string Name = "AuditTrail";

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events.Where(e => e.EventTypeName.StartsWith("contact_directory.", StringComparison.Ordinal)))
        {
            operations.ForTenant(e.TenantId).Store(new AuditTrailEntry(e.Id.ToString(), e.StreamKey!, e.Version, e.EventTypeName));
        }

        return Task.CompletedTask;
    }
}

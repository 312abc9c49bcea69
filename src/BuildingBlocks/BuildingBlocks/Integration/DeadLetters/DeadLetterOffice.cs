using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NavusoftSync.BuildingBlocks.Errors;

namespace NavusoftSync.BuildingBlocks.Integration.DeadLetters;

/// <summary>
/// One integration-event delivery that kept failing, as <c>GET /api/admin/dead-letters</c> lists it:
/// which stored event (type alias and store-wide sequence), which publisher subscription, when, and
/// the failure's exception type and message. Never the event's body, and no user ids.
/// </summary>
public sealed record DeadLetterSummary(
    Guid Id, string? EventType, long Sequence, string Subscription, string? TenantId, DateTimeOffset At, string? ExceptionType, string? ExceptionMessage);

/// <summary>The answer of <c>POST /api/admin/dead-letters/{id}/replay</c>: the event was delivered and the dead letter removed.</summary>
public sealed record DeadLetterReplayed(Guid Id, long Sequence, int IntegrationEvents);

/// <summary>
/// Marten's dead letters (<see cref="DeadLetterEvent"/>, one store-wide table), recorded by
/// <see cref="IntegrationEventSubscription"/> when a delivery failed for good (and by Marten for a
/// projection event it skipped). Listing reads them with the stored event's type; replaying hands
/// the stored event to its publisher again, whose dispatcher skips every handler that already
/// handled it (inbox), and deletes the dead letter once every handler succeeded.
/// </summary>
internal sealed partial class DeadLetterOffice(
    IDocumentStore store, IServiceProvider services, IEnumerable<IntegrationEventSetup.IntegrationEventPublisher> publishers, ILogger<DeadLetterOffice> logger)
{
    /// <summary>The most a listing answers (oldest first).</summary>
    public const int MaxListed = 500;

    public async Task<IReadOnlyList<DeadLetterSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var letters = await session.Query<DeadLetterEvent>().OrderBy(d => d.EventSequence).Take(MaxListed).ToListAsync(cancellationToken);
        var types = new Dictionary<long, string>();
        foreach (var tenant in letters.GroupBy(d => TenantOf(d)))
        {
            await using var tenantSession = store.QuerySession(tenant.Key);
            var sequences = tenant.Select(d => d.EventSequence).Distinct().ToArray();
            foreach (var stored in await tenantSession.Events.QueryAllRawEvents().Where(e => e.Sequence.IsOneOf(sequences)).ToListAsync(cancellationToken))
            {
                types[stored.Sequence] = stored.EventTypeName;
            }
        }

        return [.. letters.Select(d => new DeadLetterSummary(
            d.Id, types.GetValueOrDefault(d.EventSequence), d.EventSequence, d.ProjectionName, d.TenantId, d.Timestamp, d.ExceptionType, d.ExceptionMessage))];
    }

    /// <summary>404 for an unknown dead letter; 409 when it is not a publisher's, its event is gone, or the delivery fails again.</summary>
    public async Task<DeadLetterReplayed> ReplayAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var letter = await session.LoadAsync<DeadLetterEvent>(id, cancellationToken) ?? throw new NotFoundException("Dead letter", id.ToString());
        var publisher = publishers.FirstOrDefault(p => p.Name == letter.ProjectionName)
            ?? throw new ProblemException(409, "Not an integration-event delivery", $"The dead letter belongs to '{letter.ProjectionName}', which is not an integration-event publisher: rebuild that projection instead (POST /api/admin/projections/rebuild).");

        IEvent? stored;
        await using (var tenantSession = store.QuerySession(TenantOf(letter)))
        {
            stored = await tenantSession.Events.QueryAllRawEvents().Where(e => e.Sequence == letter.EventSequence).FirstOrDefaultAsync(cancellationToken);
        }

        if (stored is null)
        {
            throw new ProblemException(409, "The event is gone", $"The stored event {letter.EventSequence} no longer exists (erased); delete nothing, there is nothing to deliver.");
        }

        int delivered;
        try
        {
            delivered = await ((IntegrationEventSubscription)services.GetRequiredService(publisher.SubscriptionType)).ReplayAsync(stored, cancellationToken);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogReplayFailed(logger, exception, letter.EventSequence, publisher.Name);
            throw new ProblemException(409, "The delivery failed again", $"Delivering event {letter.EventSequence} failed again ({exception.GetType().Name}); the dead letter is kept.");
        }

        session.Delete<DeadLetterEvent>(letter.Id);
        await session.SaveChangesAsync(cancellationToken);
        LogReplayed(logger, letter.EventSequence, publisher.Name);
        return new DeadLetterReplayed(letter.Id, letter.EventSequence, delivered);
    }

    private static string TenantOf(DeadLetterEvent letter) =>
        string.IsNullOrWhiteSpace(letter.TenantId) ? JasperFx.StorageConstants.DefaultTenantId : letter.TenantId;

    [LoggerMessage(Level = LogLevel.Information, Message = "Dead letter of event {Sequence} ({Publisher}) replayed and removed")]
    private static partial void LogReplayed(ILogger logger, long sequence, string publisher);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replaying the dead letter of event {Sequence} ({Publisher}) failed again")]
    private static partial void LogReplayFailed(ILogger logger, Exception exception, long sequence, string publisher);
}

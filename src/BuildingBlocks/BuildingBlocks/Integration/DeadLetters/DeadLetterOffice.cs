using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NavusoftSync.BuildingBlocks.Errors;

namespace NavusoftSync.BuildingBlocks.Integration.DeadLetters;

/// <summary>
/// One integration-event delivery that kept failing, as <c>GET /api/admin/dead-letters</c> lists it:
/// which stored event (type alias and store-wide sequence), which publisher subscription, which
/// handler (null when the whole event is dead-lettered: a projection event Marten skipped), when,
/// and the failure's exception type and message. Never the event's body, and no user ids.
/// </summary>
public sealed record DeadLetterSummary(
    Guid Id, string? EventType, long Sequence, string Subscription, string? TenantId, DateTimeOffset At, string? ExceptionType, string? ExceptionMessage,
    string? Handler);

/// <summary>The answer of <c>POST /api/admin/dead-letters/{id}/replay</c>: the event was delivered and the dead letter removed.</summary>
public sealed record DeadLetterReplayed(Guid Id, long Sequence, int IntegrationEvents);

/// <summary>
/// Lists and replays the two kinds of dead letters, oldest event first: a handler's
/// (<see cref="HandlerDeadLetter"/>, recorded by <see cref="IntegrationEventSubscription"/> when one
/// handler failed every retry) and Marten's (<see cref="DeadLetterEvent"/>, a whole stored event: a
/// projection event Marten skipped). Replaying a handler's dead letter delivers its integration
/// event to that handler only; replaying a whole event hands it to its publisher again, whose
/// dispatcher skips every handler that already handled it (inbox). Either way the dead letter is
/// removed once the delivery succeeded, and kept (409) when it fails again.
/// </summary>
internal sealed partial class DeadLetterOffice(
    IDocumentStore store, IServiceProvider services, IEnumerable<IntegrationEventSetup.IntegrationEventPublisher> publishers, ILogger<DeadLetterOffice> logger)
{
    /// <summary>The most a listing answers (oldest first).</summary>
    public const int MaxListed = 500;

    public async Task<IReadOnlyList<DeadLetterSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var handlerLetters = await session.Query<HandlerDeadLetter>().OrderBy(d => d.Sequence).Take(MaxListed).ToListAsync(cancellationToken);
        var eventLetters = await session.Query<DeadLetterEvent>().OrderBy(d => d.EventSequence).Take(MaxListed).ToListAsync(cancellationToken);
        var types = await EventTypesAsync(eventLetters, cancellationToken);

        return [.. handlerLetters
            .Select(d => new DeadLetterSummary(d.Id, d.EventType, d.Sequence, d.Subscription, d.TenantId, d.At, d.ExceptionType, d.ExceptionMessage, d.Handler))
            .Concat(eventLetters.Select(d => new DeadLetterSummary(
                d.Id, types.GetValueOrDefault(d.EventSequence), d.EventSequence, d.ProjectionName, d.TenantId, d.Timestamp, d.ExceptionType, d.ExceptionMessage, null)))
            .OrderBy(d => d.Sequence)
            .ThenBy(d => d.At)
            .Take(MaxListed)];
    }

    /// <summary>404 for an unknown dead letter; 409 when it is not a publisher's, its event is gone, or the delivery fails again.</summary>
    public async Task<DeadLetterReplayed> ReplayAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<HandlerDeadLetter>(id, cancellationToken) is { } handlerLetter)
        {
            var subscription = SubscriptionNamed(handlerLetter.Subscription);
            var stored = await StoredEventAsync(handlerLetter.TenantId, handlerLetter.Sequence, cancellationToken);
            await ReplayOrConflictAsync(() => subscription.ReplayAsync(stored, handlerLetter, cancellationToken), handlerLetter.Sequence, handlerLetter.Subscription, cancellationToken);
            session.Delete<HandlerDeadLetter>(handlerLetter.Id);
            await session.SaveChangesAsync(cancellationToken);
            LogReplayed(logger, handlerLetter.Sequence, handlerLetter.Subscription);
            return new DeadLetterReplayed(handlerLetter.Id, handlerLetter.Sequence, 1);
        }

        var letter = await session.LoadAsync<DeadLetterEvent>(id, cancellationToken) ?? throw new NotFoundException("Dead letter", id.ToString());
        var publisher = SubscriptionNamed(letter.ProjectionName);
        var storedEvent = await StoredEventAsync(letter.TenantId, letter.EventSequence, cancellationToken);
        var delivered = 0;
        await ReplayOrConflictAsync(async () => delivered = await publisher.ReplayAsync(storedEvent, cancellationToken), letter.EventSequence, letter.ProjectionName, cancellationToken);
        session.Delete<DeadLetterEvent>(letter.Id);
        await session.SaveChangesAsync(cancellationToken);
        LogReplayed(logger, letter.EventSequence, letter.ProjectionName);
        return new DeadLetterReplayed(letter.Id, letter.EventSequence, delivered);
    }

    private IntegrationEventSubscription SubscriptionNamed(string name)
    {
        var publisher = publishers.FirstOrDefault(p => p.Name == name)
            ?? throw new ProblemException(409, "Not an integration-event delivery", $"The dead letter belongs to '{name}', which is not an integration-event publisher: rebuild that projection instead (POST /api/admin/projections/rebuild).");
        return (IntegrationEventSubscription)services.GetRequiredService(publisher.SubscriptionType);
    }

    private async Task<IEvent> StoredEventAsync(string? tenantId, long sequence, CancellationToken cancellationToken)
    {
        await using var tenantSession = store.QuerySession(TenantOf(tenantId));
        return await tenantSession.Events.QueryAllRawEvents().Where(e => e.Sequence == sequence).FirstOrDefaultAsync(cancellationToken)
            ?? throw new ProblemException(409, "The event is gone", $"The stored event {sequence} no longer exists (erased); delete nothing, there is nothing to deliver.");
    }

    private async Task ReplayOrConflictAsync(Func<Task> replay, long sequence, string publisher, CancellationToken cancellationToken)
    {
        try
        {
            await replay();
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogReplayFailed(logger, exception, sequence, publisher);
            var failed = exception is AggregateException { InnerExceptions.Count: 1 } single ? single.InnerExceptions[0] : exception;
            throw new ProblemException(409, "The delivery failed again", $"Delivering event {sequence} failed again ({failed.GetType().Name}); the dead letter is kept.");
        }
    }

    /// <summary>The stored event type alias of each dead-lettered sequence, read per tenant.</summary>
    private async Task<Dictionary<long, string>> EventTypesAsync(IReadOnlyList<DeadLetterEvent> letters, CancellationToken cancellationToken)
    {
        var types = new Dictionary<long, string>();
        foreach (var tenant in letters.GroupBy(d => TenantOf(d.TenantId)))
        {
            await using var tenantSession = store.QuerySession(tenant.Key);
            var sequences = tenant.Select(d => d.EventSequence).Distinct().ToArray();
            foreach (var stored in await tenantSession.Events.QueryAllRawEvents().Where(e => e.Sequence.IsOneOf(sequences)).ToListAsync(cancellationToken))
            {
                types[stored.Sequence] = stored.EventTypeName;
            }
        }

        return types;
    }

    private static string TenantOf(string? tenantId) =>
        string.IsNullOrWhiteSpace(tenantId) ? JasperFx.StorageConstants.DefaultTenantId : tenantId;

    [LoggerMessage(Level = LogLevel.Information, Message = "Dead letter of event {Sequence} ({Publisher}) replayed and removed")]
    private static partial void LogReplayed(ILogger logger, long sequence, string publisher);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replaying the dead letter of event {Sequence} ({Publisher}) failed again")]
    private static partial void LogReplayFailed(ILogger logger, Exception exception, long sequence, string publisher);
}

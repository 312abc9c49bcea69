using System.Security.Cryptography;
using System.Text;

namespace NavusoftSync.BuildingBlocks.Integration.DeadLetters;

/// <summary>
/// One handler's delivery of one integration event that failed every retry, while the event's
/// other handlers received it. Stored by the publisher with its checkpoint, store-wide (one table
/// for every tenant, single-tenanted, like Marten's own dead letters), and removed by a successful replay.
/// </summary>
/// <remarks>
/// Marten's <c>DeadLetterEvent</c> names a projection or subscription and a stored event, nothing
/// finer; its rows belong to Marten, which removes a projection's dead letters when it rebuilds
/// that projection. A failed handler is not a projection's concern and must outlive rebuilds, so
/// it gets this document of its own. <see cref="ExceptionMessage"/> names the handler, event and
/// sequence, never the handler's own message (which may quote the event's content); that message
/// is in the log.
/// </remarks>
/// <param name="Id">Derived from subscription, handler, stored event id and index: the same failure recorded twice is one dead letter.</param>
/// <param name="EventType">The stored event's type alias.</param>
/// <param name="Index">Which of the integration events the stored event stands for (0 for the first).</param>
public sealed record HandlerDeadLetter(
    Guid Id, string Subscription, string Handler, string EventType, long Sequence, Guid EventId, int Index,
    string TenantId, DateTimeOffset At, string ExceptionType, string ExceptionMessage)
{
    internal static Guid IdOf(string subscription, string handler, Guid eventId, int index) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{subscription}|{handler}|{eventId}|{index}")).AsSpan(0, 16));
}

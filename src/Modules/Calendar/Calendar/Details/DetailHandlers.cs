using Marten;
using Mediator;
using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.Calendar.Projections;
using NavusoftSync.Synchronization.Contracts.Privacy;

namespace NavusoftSync.Calendar.Details;

/// <summary>
/// Who may read a detail, and how much of it: a user whose mailbox holds it reads it in full; anyone else of the tenant
/// reads it when it is on an account calendar (every user of a tenant sees its account calendars), at the level the
/// tenant's visibility rules give them (<see cref="VisibilityRules.For"/>, asked of the Synchronization module only
/// then). Anything else — an erased item, another tenant's item, which the tenant-scoped session cannot even load — is 404.
/// </summary>
internal static class DetailAccess
{
    public static bool Visible(IEnumerable<string> holdingUsers, int accountCount, string userId) =>
        accountCount > 0 || holdingUsers.Contains(userId, StringComparer.Ordinal);

    /// <summary>Whether the caller holds the item and has marked it private (a mark counts only while its user holds the item).</summary>
    public static bool MarkedByCaller(IEnumerable<string> holdingUsers, IReadOnlyList<string> markedPrivateBy, string userId) =>
        markedPrivateBy.Contains(userId, StringComparer.Ordinal) && holdingUsers.Contains(userId, StringComparer.Ordinal);

    /// <summary>The caller's level for an item they may read.</summary>
    public static async ValueTask<string> LevelAsync(ISender sender, string userId, IReadOnlyList<string> holders, bool markedPrivate, CancellationToken ct) =>
        holders.Contains(userId, StringComparer.Ordinal) ? Visibility.Full : (await sender.Send(new GetVisibilityRules(), ct)).For(userId, holders, markedPrivate);
}

internal sealed class GetEmailThreadHandler(IQuerySession session, ISender sender) : IQueryHandler<GetEmailThread, EmailThreadDetails>
{
    public async ValueTask<EmailThreadDetails> Handle(GetEmailThread query, CancellationToken cancellationToken)
    {
        var view = await session.LoadAsync<EmailThreadView>(query.ThreadId, cancellationToken);
        if (view is null || view.Erasure is not null || view.Messages.Count == 0 || !DetailAccess.Visible(view.HoldingUsers, view.Accounts.Count, query.UserId))
        {
            throw DomainException.NotFound("Email thread", query.ThreadId);
        }

        var level = await DetailAccess.LevelAsync(sender, query.UserId, [.. view.HoldingUsers], view.IsMarkedPrivate(), cancellationToken);
        return EmailThreadDetails.From(view, level, DetailAccess.MarkedByCaller(view.HoldingUsers, view.MarkedPrivateBy, query.UserId));
    }
}

internal sealed class GetAppointmentHandler(IQuerySession session, ISender sender) : IQueryHandler<GetAppointment, AppointmentDetails>
{
    public async ValueTask<AppointmentDetails> Handle(GetAppointment query, CancellationToken cancellationToken)
    {
        var view = await session.LoadAsync<AppointmentView>(query.AppointmentId, cancellationToken);
        if (view is null || view.Erasure is not null || !DetailAccess.Visible(view.HoldingUsers, view.Accounts.Count, query.UserId))
        {
            throw DomainException.NotFound("Appointment", query.AppointmentId);
        }

        var level = await DetailAccess.LevelAsync(sender, query.UserId, [.. view.HoldingUsers], view.IsMarkedPrivate(), cancellationToken);
        return AppointmentDetails.From(view, level, DetailAccess.MarkedByCaller(view.HoldingUsers, view.MarkedPrivateBy, query.UserId));
    }
}

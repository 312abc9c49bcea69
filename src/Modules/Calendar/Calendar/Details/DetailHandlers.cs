using Marten;
using Mediator;
using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.Calendar.Projections;

namespace NavusoftSync.Calendar.Details;

/// <summary>
/// Who may read a detail: a user whose mailbox holds it, or anyone of the tenant when it is on an
/// account calendar (every user of a tenant sees its account calendars). Anything else — another
/// tenant's item included, which the tenant-scoped session cannot even load — is 404.
/// </summary>
internal static class DetailAccess
{
    public static bool Visible(IEnumerable<string> holdingUsers, int accountCount, string userId) =>
        accountCount > 0 || holdingUsers.Contains(userId, StringComparer.Ordinal);
}

internal sealed class GetEmailThreadHandler(IQuerySession session) : IQueryHandler<GetEmailThread, EmailThreadDetails>
{
    public async ValueTask<EmailThreadDetails> Handle(GetEmailThread query, CancellationToken cancellationToken)
    {
        var view = await session.LoadAsync<EmailThreadView>(query.ThreadId, cancellationToken);
        return view is not null && view.Messages.Count > 0 && DetailAccess.Visible(view.HoldingUsers, view.Accounts.Count, query.UserId)
            ? EmailThreadDetails.From(view)
            : throw DomainException.NotFound("Email thread", query.ThreadId);
    }
}

internal sealed class GetAppointmentHandler(IQuerySession session) : IQueryHandler<GetAppointment, AppointmentDetails>
{
    public async ValueTask<AppointmentDetails> Handle(GetAppointment query, CancellationToken cancellationToken)
    {
        var view = await session.LoadAsync<AppointmentView>(query.AppointmentId, cancellationToken);
        return view is not null && DetailAccess.Visible(view.HoldingUsers, view.Accounts.Count, query.UserId)
            ? AppointmentDetails.From(view)
            : throw DomainException.NotFound("Appointment", query.AppointmentId);
    }
}

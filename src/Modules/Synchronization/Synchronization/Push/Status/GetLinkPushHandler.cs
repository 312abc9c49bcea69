using FluentValidation;
using Marten;
using Mediator;
using NavusoftSync.Synchronization.Contracts;

namespace NavusoftSync.Synchronization.Push.Status;

internal sealed class GetLinkPushValidator : AbstractValidator<GetLinkPush>
{
    public const int MaxLinkIdLength = 200;

    public GetLinkPushValidator()
    {
        RuleFor(q => q.LinkIds).NotNull().Must(ids => ids is null || ids.Count <= GetLinkPush.MaxLinkIds)
            .WithMessage($"At most {GetLinkPush.MaxLinkIds} link ids.");
        RuleForEach(q => q.LinkIds).NotEmpty().MaximumLength(MaxLinkIdLength);
    }
}

/// <summary>
/// <see cref="GetLinkPush"/>: each link's <see cref="LinkPush"/> (written by its upkeep and by the poll that finds push
/// silent) and <see cref="PushHeartbeat"/> (written by the webhooks), read in one round trip in the scope's tenant
/// session, so another tenant's link reads as Off.
/// </summary>
internal sealed class GetLinkPushHandler(IQuerySession session) : IQueryHandler<GetLinkPush, IReadOnlyList<LinkPushState>>
{
    public async ValueTask<IReadOnlyList<LinkPushState>> Handle(GetLinkPush query, CancellationToken cancellationToken)
    {
        var ids = query.LinkIds.Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        var batch = session.CreateBatchQuery();
        var pushes = batch.LoadMany<LinkPush>().ById(ids);
        var heartbeats = batch.LoadMany<PushHeartbeat>().ById(ids);
        await batch.Execute(cancellationToken);
        var pushOf = (await pushes).ToDictionary(p => p.Id, StringComparer.Ordinal);
        var heartbeatOf = (await heartbeats).ToDictionary(h => h.Id, StringComparer.Ordinal);
        return [.. ids.Select(id => StateOf(id, pushOf.GetValueOrDefault(id), heartbeatOf.GetValueOrDefault(id)))];
    }

    /// <summary>
    /// No <see cref="LinkPush"/> yet is Off. An expiry shows only while push is Active: a Failed or Renewing link has no
    /// live registration whose expiry would mean anything (the poll that finds push silent keeps the old value).
    /// </summary>
    internal static LinkPushState StateOf(string linkId, LinkPush? push, PushHeartbeat? heartbeat)
    {
        var status = push?.Status ?? PushStatus.Off;
        return new LinkPushState(linkId, WireValueOf(status), status == PushStatus.Active ? push!.ExpiresAt : null, heartbeat?.LastNotificationAt);
    }

    /// <summary>The contract's values, spelled here so that renaming a member of <see cref="PushStatus"/> cannot change the wire.</summary>
    private static string WireValueOf(PushStatus status) => status switch
    {
        PushStatus.Active => "Active",
        PushStatus.Renewing => "Renewing",
        PushStatus.Failed => "Failed",
        _ => "Off",
    };
}

using FluentValidation;
using Marten;
using Mediator;
using NavusoftSync.Synchronization.Contracts;
using NavusoftSync.Synchronization.Runs.Checks.Health;

namespace NavusoftSync.Synchronization.Runs.Progress;

internal sealed class GetLinkSyncProgressValidator : AbstractValidator<GetLinkSyncProgress>
{
    public const int MaxLinkIdLength = 200;

    public GetLinkSyncProgressValidator()
    {
        RuleFor(q => q.LinkIds).NotNull().Must(ids => ids is null || ids.Count <= GetLinkSyncProgress.MaxLinkIds)
            .WithMessage($"At most {GetLinkSyncProgress.MaxLinkIds} link ids.");
        RuleForEach(q => q.LinkIds).NotEmpty().MaximumLength(MaxLinkIdLength);
    }
}

/// <summary>
/// <see cref="GetLinkSyncProgress"/>: each link's <see cref="LinkRunProgress"/> and <see cref="LinkRunHealth"/>, read in one
/// round trip in the scope's tenant session; a link is answered only when its progress belongs to the run its health
/// shows running (another tenant's link, a link at rest, or a row left by a run that never ended is not).
/// </summary>
internal sealed class GetLinkSyncProgressHandler(IQuerySession session) : IQueryHandler<GetLinkSyncProgress, IReadOnlyList<LinkSyncProgressState>>
{
    public async ValueTask<IReadOnlyList<LinkSyncProgressState>> Handle(GetLinkSyncProgress query, CancellationToken cancellationToken)
    {
        var ids = query.LinkIds.Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Length == 0)
        {
            return [];
        }

        var batch = session.CreateBatchQuery();
        var progress = batch.LoadMany<LinkRunProgress>().ById(ids);
        var health = batch.LoadMany<LinkRunHealth>().ById(ids.Select(SyncStream.KeyOf).ToArray());
        await batch.Execute(cancellationToken);
        var runningOf = (await health).Where(h => h.RunningRunId is not null).ToDictionary(h => h.LinkId, h => h.RunningRunId!, StringComparer.Ordinal);
        var progressOf = (await progress).ToDictionary(p => p.Id, StringComparer.Ordinal);
        return
        [
            .. ids.Select(id => progressOf.GetValueOrDefault(id))
                .Where(p => p is not null && string.Equals(runningOf.GetValueOrDefault(p.Id), p.RunId, StringComparison.Ordinal))
                .Select(p => StateOf(p!)),
        ];
    }

    internal static LinkSyncProgressState StateOf(LinkRunProgress progress) =>
        new(progress.Id, progress.RunId, progress.StartedAt, TriggerWireValue(progress.Trigger), progress.Scanned, progress.Recorded);

    /// <summary>The trigger as the runs of a link show it (lower case), so both answers spell it the same.</summary>
    internal static string TriggerWireValue(SyncTrigger trigger) => trigger.ToString().ToLowerInvariant();
}

using JasperFx.Events;
using Marten.Events.Aggregation;

namespace NavusoftSync.Synchronization.Runs.Checks;

/// <summary>A link's last completeness check; keyed by the link's sync stream (<c>sync:{linkId}</c>).</summary>
internal sealed record LinkCompleteness(string Id, string LinkId, string RunId, DateTimeOffset CheckedAt, int Expected, int Present, int Repaired)
{
    public static LinkCompleteness From(string id, LinkCompletenessChecked e) => new(id, e.LinkId, e.RunId, e.CheckedAt, e.Expected, e.Present, e.Repaired);
}

/// <summary>Keeps <see cref="LinkCompleteness"/> from each link's sync stream, in the check run's own transaction.</summary>
internal sealed class LinkCompletenessProjection : SingleStreamProjection<LinkCompleteness, string>
{
    public LinkCompletenessProjection() => IncludeType<LinkCompletenessChecked>();

    public override LinkCompleteness? Evolve(LinkCompleteness? snapshot, string id, IEvent e) =>
        e.Data is LinkCompletenessChecked check ? LinkCompleteness.From(id, check) : snapshot;
}

using JasperFx.Events;
using Marten.Events.Aggregation;

namespace NavusoftSync.Linking.Links;

/// <summary>The inline snapshot of a link stream, evolved by <see cref="Link.Fold"/> and nothing else.</summary>
internal sealed class LinkProjection : SingleStreamProjection<Link, string>
{
    public LinkProjection()
    {
        IncludeType<Linked>();
        IncludeType<Relinked>();
        IncludeType<ReauthRequired>();
        IncludeType<Unlinked>();
        IncludeType<SyncRequested>();
    }

    public override Link? Evolve(Link? snapshot, string id, IEvent e) => Link.Fold(snapshot, e.Data);
}

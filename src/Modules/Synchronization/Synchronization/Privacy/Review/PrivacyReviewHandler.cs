using Marten;
using NavusoftSync.BuildingBlocks.Contracts.Integration;

namespace NavusoftSync.Synchronization.Privacy.Review;

/// <summary>
/// A change of the tenant's privacy rules applies to what is stored: the rules as of that change (the privacy stream up to
/// its version) are applied to every stored item (<see cref="PrivacyReview"/>: stricter rules erase and narrow), and what
/// they let in compared with the rules before it is looked back for (<see cref="PrivacyLookback"/>).
/// </summary>
internal sealed class PrivacyReviewHandler(IDocumentSession session, PrivacyReview review, PrivacyLookback lookback)
    : IIntegrationEventHandler<PrivacyRulesChanged>
{
    public async ValueTask Handle(PrivacyRulesChanged e, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var events = await session.Events.FetchStreamAsync(PrivacyState.StreamKey, e.Version, token: cancellationToken);
        var before = events.Where(x => x.Version < e.Version).Aggregate(PrivacyState.Empty, (s, x) => PrivacyState.Fold(s, x.Data)!);
        var after = events.Aggregate(PrivacyState.Empty, (s, x) => PrivacyState.Fold(s, x.Data)!);
        await review.ReviewAsync(after, e.ChangedBy, cancellationToken);
        await lookback.RequestAsync(Loosening.Between(before, after, e.UserId), e.UserId, context, cancellationToken);
    }
}

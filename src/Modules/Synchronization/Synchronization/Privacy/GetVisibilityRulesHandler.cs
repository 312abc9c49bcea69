using Marten;
using Mediator;
using NavusoftSync.Synchronization.Contracts.Privacy;

namespace NavusoftSync.Synchronization.Privacy;

/// <summary>The tenant's visibility rules (one primary-key read of <see cref="PrivacyState"/>); a tenant that never set any is open.</summary>
internal sealed class GetVisibilityRulesHandler(IQuerySession session) : IQueryHandler<GetVisibilityRules, VisibilityRules>
{
    public async ValueTask<VisibilityRules> Handle(GetVisibilityRules query, CancellationToken cancellationToken) =>
        (await session.LoadAsync<PrivacyState>(PrivacyState.StreamKey, cancellationToken))?.VisibilityRules() ?? VisibilityRules.Open;
}

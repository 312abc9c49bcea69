using Mediator;
using NavusoftSync.Linking.Contracts;

namespace NavusoftSync.Linking.Credentials;

/// <summary>The <see cref="GetAccessToken"/> contract other modules send.</summary>
internal sealed class GetAccessTokenHandler(LinkCredentialService credentials) : IQueryHandler<GetAccessToken, AccessTokenResult>
{
    public async ValueTask<AccessTokenResult> Handle(GetAccessToken query, CancellationToken cancellationToken) =>
        await credentials.GetAccessTokenAsync(query.LinkId, query.RejectedAccessToken, cancellationToken);
}

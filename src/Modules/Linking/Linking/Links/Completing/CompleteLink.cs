using FluentValidation;
using Marten;
using Mediator;
using Microsoft.Extensions.Logging;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;
using NavusoftSync.Linking.Credentials;
using NavusoftSync.Linking.Links.Starting;
using NavusoftSync.Linking.OAuth;
using NavusoftSync.Linking.Providers;

namespace NavusoftSync.Linking.Links.Completing;

/// <summary>
/// Second step of the callback: exchange the code (with the state's PKCE verifier), read the
/// external account, append <see cref="Linked"/> (or <see cref="Relinked"/> for an account the user
/// linked before) and store the encrypted credentials — all in one unit of work.
/// </summary>
internal sealed record CompleteLink(ConsumedAuthorization Authorization, string Code) : ICommand<CompleteLinkResult>
{
    public override string ToString() => $"CompleteLink {{ Authorization = {Authorization} }}";
}

internal sealed record CompleteLinkResult(string LinkId, string Provider, string ExternalAccount, LinkState State, bool Relinked);

/// <summary>The account the provider vouched for, for the user who started the link.</summary>
internal sealed record VerifiedAccount(string UserId, string Provider, ExternalAccount Account, string? GrantedScopes);

internal sealed class CompleteLinkValidator : AbstractValidator<CompleteLink>
{
    public CompleteLinkValidator() => RuleFor(c => c.Code).NotEmpty().WithMessage("Required.").MaximumLength(4096);
}

internal sealed partial class CompleteLinkHandler(
    IDocumentSession session, ITenantContext tenant, OAuthProviders providers, SecretProtector secrets, TimeProvider clock, ILogger<CompleteLinkHandler> logger)
    : ICommandHandler<CompleteLink, CompleteLinkResult>
{
    public async ValueTask<CompleteLinkResult> Handle(CompleteLink command, CancellationToken cancellationToken)
    {
        var authorization = command.Authorization;
        var provider = ProviderCatalog.Get(authorization.Provider);
        var oauth = providers.Get(provider.Id);
        TokenGrant grant;
        ExternalAccount account;
        try
        {
            grant = await oauth.RedeemCodeAsync(command.Code, authorization.CodeVerifier, authorization.RedirectUri, cancellationToken);
            account = await oauth.ReadAccountAsync(grant, cancellationToken);
        }
        catch (OAuthTokenException e)
        {
            LogExchangeFailed(logger, provider.Id, e.Error, e.Description, e.FirstErrorCode, (int?)e.Status);
            throw; // the callback endpoint answers it
        }

        var now = clock.GetUtcNow();
        var verified = new VerifiedAccount(authorization.UserId, provider.Id, account, grant.Scope);
        var linkId = LinkIds.For(verified.UserId, verified.Provider, account.Id);
        var stream = await session.Events.FetchForWriting<Link>(linkId, cancellationToken);
        var events = Decide(linkId, verified, stream.Aggregate, now);
        stream.AppendMany(events);

        var refreshToken = grant.RefreshToken;
        if (refreshToken is null && await session.LoadAsync<LinkCredentials>(linkId, cancellationToken) is { } previous)
        {
            refreshToken = secrets.UnprotectTokens(previous.ProtectedTokens, tenant.TenantId, linkId).RefreshToken;
        }

        if (refreshToken is null)
        {
            LogNoRefreshToken(logger, provider.Id, linkId);
        }

        session.Store(new LinkCredentials(
            linkId, provider.Id, secrets.ProtectTokens(new TokenSet(grant.AccessToken, refreshToken), tenant.TenantId, linkId), now + grant.ExpiresIn, now));
        session.Delete<PendingAuthorization>(authorization.PendingId);

        var link = events.Aggregate(stream.Aggregate, Link.Fold)!;
        return new CompleteLinkResult(link.Id, link.Provider, link.ExternalAccount, link.State, stream.Aggregate is not null);
    }

    /// <summary>A new account is <see cref="Linked"/>; one the user linked before (in any state) is <see cref="Relinked"/>, never duplicated.</summary>
    internal static IReadOnlyList<object> Decide(string linkId, VerifiedAccount verified, Link? state, DateTimeOffset now)
    {
        if (state is null)
        {
            return [new Linked(linkId, verified.UserId, verified.Provider, verified.Account.Id, verified.Account.Address, verified.Account.DisplayName, verified.GrantedScopes, now)];
        }

        if (state.UserId != verified.UserId || state.Provider != verified.Provider || state.ExternalAccountId != verified.Account.Id)
        {
            throw new InvalidOperationException($"Link {linkId} belongs to another user or account.");
        }

        return [new Relinked(linkId, verified.UserId, verified.Provider, verified.Account.Id, verified.Account.Address, verified.GrantedScopes, now)];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Completing a {Provider} link failed: {Error} ({ErrorDescription}; code {ErrorCode}, status {Status})")]
    private static partial void LogExchangeFailed(ILogger logger, string provider, string error, string? errorDescription, long errorCode, int? status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Provider} granted no refresh token for link {LinkId}; it will need re-authorization when the access token expires")]
    private static partial void LogNoRefreshToken(ILogger logger, string provider, string linkId);
}

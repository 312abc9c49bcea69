using Marten;
using Microsoft.Extensions.Logging;
using NavusoftSync.BuildingBlocks.Audit;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;
using NavusoftSync.BuildingBlocks.MailServers;
using NavusoftSync.Linking.Contracts;
using NavusoftSync.Linking.Links;
using NavusoftSync.Linking.OAuth;
using NavusoftSync.Linking.Providers;

namespace NavusoftSync.Linking.Credentials;

/// <summary>
/// Hands out a link's access token, refreshing it when it expires within <see cref="RefreshSkew"/>.
/// <list type="bullet">
/// <item>Concurrency: a refresh runs under the link stream's row lock (<c>FetchForExclusiveWriting</c>,
/// <c>SELECT … FOR UPDATE</c> on <c>mt_streams</c>), so of all callers on all hosts one calls the
/// provider and the others, once they get the lock, find the fresh token. An in-process lock per
/// link keeps waiters on one host from each holding a connection.</item>
/// <item>Commit: the new tokens (Microsoft rotates the refresh token on every use; Google keeps it)
/// are committed in this service's own session before the lock is released, independently of the
/// caller's unit of work, so a rotated refresh token is never lost.</item>
/// <item>A refused grant (<c>invalid_grant</c>, …) appends <see cref="ReauthRequired"/> and deletes the
/// dead credentials; the caller is told to stop.</item>
/// <item>A password link (<c>imap</c>) never expires and has nothing to refresh: its access token is the stored
/// <see cref="MailboxServers"/> JSON. When the caller reports exactly that token rejected (the server refused the app password),
/// the link becomes <see cref="ReauthRequired"/> with a sentence asking for a new app password, and the credentials go. Anything else (5xx, network) is
/// <see cref="AccessTokenOutcome.Unavailable"/>: try later, nothing changes.</item>
/// </list>
/// </summary>
internal sealed partial class LinkCredentialService(
    IDocumentStore store, ITenantContext tenant, OAuthProviders providers, SecretProtector secrets, KeyedLocks locks, AuditContext audit,
    TimeProvider clock, ILogger<LinkCredentialService> logger)
{
    public static readonly TimeSpan RefreshSkew = TimeSpan.FromMinutes(2);

    public async Task<AccessTokenResult> GetAccessTokenAsync(string linkId, string? rejectedAccessToken, CancellationToken cancellationToken)
    {
        var tenantId = tenant.TenantId;
        if (!LinkIds.LooksValid(linkId))
        {
            return NoToken(AccessTokenOutcome.Unlinked, null, "No such link.");
        }

        await using (var query = store.QuerySession(tenantId))
        {
            var known = await query.LoadAsync<Link>(linkId, cancellationToken);
            var credentials = await query.LoadAsync<LinkCredentials>(linkId, cancellationToken);
            if (Settled(known, credentials, tenantId, rejectedAccessToken) is { } answer)
            {
                return answer;
            }
        }

        await using var local = await locks.AcquireAsync($"{tenantId}\n{linkId}", cancellationToken);
        await using var session = store.LightweightSession(tenantId);
        audit.Attach(session); // its own session (committed before answering) still carries the scope's audit headers
        var stream = await session.Events.FetchForExclusiveWriting<Link>(linkId, cancellationToken);
        var current = await session.LoadAsync<LinkCredentials>(linkId, cancellationToken);
        if (Settled(stream.Aggregate, current, tenantId, rejectedAccessToken) is { } settled)
        {
            return settled; // another caller refreshed while this one waited; disposing the session releases the lock
        }

        return await RenewAsync(session, stream, current, tenantId, cancellationToken);
    }

    /// <summary>Under the link's lock, with a token that must be renewed: a password link needs a new app password; an OAuth one is refreshed.</summary>
    private async Task<AccessTokenResult> RenewAsync(
        IDocumentSession session, JasperFx.Events.IEventStream<Link> stream, LinkCredentials? current, string tenantId, CancellationToken cancellationToken)
    {
        var link = stream.Aggregate!;
        var tokens = current is null ? null : secrets.UnprotectTokens(current.ProtectedTokens, tenantId, link.Id);
        if (ProviderCatalog.Find(link.Provider) is { Kind: ProviderKind.Password })
        {
            return await ReauthRequiredAsync(session, stream, link, AppPasswordRefused(tokens, link), cancellationToken);
        }

        if (current is null || tokens?.RefreshToken is null)
        {
            return await ReauthRequiredAsync(session, stream, link, ReauthSentences.NoLastingSignIn(link), cancellationToken);
        }

        return await RefreshAsync(session, stream, current, tokens.RefreshToken, tenantId, cancellationToken);
    }

    private async Task<AccessTokenResult> RefreshAsync(
        IDocumentSession session, JasperFx.Events.IEventStream<Link> stream, LinkCredentials current, string refreshToken, string tenantId, CancellationToken cancellationToken)
    {
        var link = stream.Aggregate!;
        var linkId = link.Id;
        TokenGrant grant;
        try
        {
            grant = await providers.Get(link.Provider).RefreshAsync(refreshToken, cancellationToken);
        }
        catch (OAuthTokenException e) when (e.RequiresReauthorization)
        {
            LogRefused(logger, link.Provider, linkId, e.Error, e.FirstErrorCode);
            return await ReauthRequiredAsync(session, stream, link, ReauthSentences.SignInRefused(link), cancellationToken);
        }
        catch (OAuthTokenException e)
        {
            LogUnavailable(logger, link.Provider, linkId, e.Error, (int?)e.Status);
            return NoToken(AccessTokenOutcome.Unavailable, link, ReauthSentences.RenewalUnavailable(link));
        }

        var now = clock.GetUtcNow();
        var refreshed = new TokenSet(grant.AccessToken, grant.RefreshToken ?? refreshToken);
        session.Store(current with
        {
            ProtectedTokens = secrets.ProtectTokens(refreshed, tenantId, linkId),
            AccessTokenExpiresAt = now + grant.ExpiresIn,
            UpdatedAt = now,
        });
        await session.SaveChangesAsync(cancellationToken);
        LogRefreshed(logger, link.Provider, linkId, grant.RefreshToken is not null);
        return new AccessTokenResult(AccessTokenOutcome.Granted, refreshed.AccessToken, now + grant.ExpiresIn, link.Provider, link.ExternalAccount, null);
    }

    /// <summary>The answer when no refresh is needed (or possible), or null when the token must be refreshed.</summary>
    private AccessTokenResult? Settled(Link? link, LinkCredentials? credentials, string tenantId, string? rejectedAccessToken)
    {
        switch (link?.State)
        {
            case null:
                return NoToken(AccessTokenOutcome.Unlinked, null, "No such link.");
            case LinkState.Unlinked:
                return NoToken(AccessTokenOutcome.Unlinked, link, "The link was unlinked.");
            case LinkState.ReauthRequired:
                return NoToken(AccessTokenOutcome.ReauthRequired, link, link.ReauthReason);
        }

        if (credentials is null)
        {
            return null; // an active link always has credentials; let the locked path decide
        }

        var tokens = secrets.UnprotectTokens(credentials.ProtectedTokens, tenantId, credentials.Id);
        var rejected = rejectedAccessToken is not null && string.Equals(tokens.AccessToken, rejectedAccessToken, StringComparison.Ordinal);
        return !rejected && credentials.AccessTokenExpiresAt - clock.GetUtcNow() > RefreshSkew
            ? new AccessTokenResult(AccessTokenOutcome.Granted, tokens.AccessToken, credentials.AccessTokenExpiresAt, link.Provider, link.ExternalAccount, null)
            : null;
    }

    private async Task<AccessTokenResult> ReauthRequiredAsync(
        IDocumentSession session, JasperFx.Events.IEventStream<Link> stream, Link link, string reason, CancellationToken cancellationToken)
    {
        stream.AppendMany(MarkReauthRequired.Decide(link, reason, clock.GetUtcNow()));
        session.Delete<LinkCredentials>(link.Id);
        await session.SaveChangesAsync(cancellationToken);
        return NoToken(AccessTokenOutcome.ReauthRequired, link, reason);
    }

    /// <summary>
    /// A password link's credentials have no refresh: the caller reported the stored ones rejected (the server refused the app
    /// password), so the person must create a new app password. The sentence names the login, never the password.
    /// </summary>
    internal static string AppPasswordRefused(TokenSet? tokens, Link link)
    {
        var username = link.ExternalAccount;
        if (tokens is not null)
        {
            try
            {
                username = MailboxServers.Parse(tokens.AccessToken).Imap.Username;
            }
            catch (MailServerException)
            {
                // not mail server credentials: the link's address names the mailbox instead
            }
        }

        return $"The mail server refused the app password for {username}. Create a new app password with your mail provider and link the mailbox again with it.";
    }

    private static AccessTokenResult NoToken(AccessTokenOutcome outcome, Link? link, string? reason) =>
        new(outcome, null, null, link?.Provider, link?.ExternalAccount, reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refreshed the {Provider} access token of link {LinkId} (new refresh token: {Rotated})")]
    private static partial void LogRefreshed(ILogger logger, string provider, string linkId, bool rotated);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Provider} refused the grant of link {LinkId}: {Error} (code {ErrorCode}); the link needs re-authorization")]
    private static partial void LogRefused(ILogger logger, string provider, string linkId, string error, long errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Provider} could not refresh the token of link {LinkId}: {Error} (status {Status})")]
    private static partial void LogUnavailable(ILogger logger, string provider, string linkId, string error, int? status);
}

using Mediator;
using Microsoft.Extensions.DependencyInjection;
using NavusoftSync.BuildingBlocks.MailServers;
using NavusoftSync.BuildingBlocks.Tenancy;
using NavusoftSync.Linking.Contracts;

namespace NavusoftSync.Synchronization.Push.Idle;

/// <summary>What the Linking module answered for a watched link's credentials.</summary>
internal enum IdleCredentialOutcome
{
    /// <summary>The link's servers, to log in with.</summary>
    Granted,

    /// <summary>The link needs linking again or is gone: it is not watched.</summary>
    Gone,

    /// <summary>No answer now: try again later.</summary>
    Unavailable,
}

internal sealed record IdleCredentials(IdleCredentialOutcome Outcome, MailboxServers? Servers)
{
    /// <summary>Never prints the servers (their password).</summary>
    public override string ToString() => $"IdleCredentials {{ Outcome = {Outcome} }}";
}

/// <summary>
/// A watched link's servers, asked of the Linking module (<see cref="GetAccessToken"/>, in a DI scope bound to the link's
/// tenant) as a sync run does: a password link's access token is its <see cref="MailboxServers"/> JSON. Never logged.
/// </summary>
internal sealed class IdleCredentialSource(IServiceScopeFactory scopes)
{
    public async Task<IdleCredentials> GetAsync(IdleLink link, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantScope>().Use(link.TenantId);
        var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new GetAccessToken(link.LinkId), cancellationToken);
        if (result.Outcome is AccessTokenOutcome.ReauthRequired or AccessTokenOutcome.Unlinked)
        {
            return new IdleCredentials(IdleCredentialOutcome.Gone, null);
        }

        if (result is not { Outcome: AccessTokenOutcome.Granted, AccessToken: { } token } || result.Provider is { } provider && provider != LinkProviders.Imap)
        {
            return new IdleCredentials(IdleCredentialOutcome.Unavailable, null);
        }

        try
        {
            return new IdleCredentials(IdleCredentialOutcome.Granted, MailboxServers.Parse(token));
        }
        catch (MailServerException)
        {
            return new IdleCredentials(IdleCredentialOutcome.Gone, null); // not a password link's credentials: nothing to watch with
        }
    }
}

using NavusoftSync.BuildingBlocks.MailServers;

namespace NavusoftSync.Synchronization.Providers.Imap;

/// <summary>
/// A password link's servers, read through the run's <see cref="MailboxAccess"/>: the Linking module hands the decrypted
/// <see cref="MailboxServers"/> as the link's access token. When a server refuses the login, <see cref="RefusedAsync"/>
/// reports that token rejected; the Linking module then marks the link ReauthRequired (its sentence asks for a new app
/// password) and the next ask throws <see cref="ReauthRequiredException"/>, which ends the run like a refused OAuth grant.
/// </summary>
internal sealed record PasswordAccess(MailboxServers Servers, string Token)
{
    public static async Task<PasswordAccess> OpenAsync(MailboxAccess access, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        var token = await access.GetAccessTokenAsync(cancellationToken);
        try
        {
            return new PasswordAccess(MailboxServers.Parse(token), token);
        }
        catch (MailServerException e)
        {
            throw new ProviderUnavailableException(e.Message, e);
        }
    }

    /// <summary>
    /// The server refused the stored login: tells the Linking module, then asks again, which throws
    /// <see cref="ReauthRequiredException"/>. Should the Linking module hand out other credentials (the user entered a new app
    /// password meanwhile), the run fails and the next one uses them.
    /// </summary>
    public async Task<Exception> RefusedAsync(MailboxAccess access, MailServerException refusal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(access);
        await access.RejectAccessTokenAsync(Token, cancellationToken);
        await access.GetAccessTokenAsync(cancellationToken);
        return new ProviderUnavailableException("The mail server refused the login; the link's credentials changed meanwhile.", refusal);
    }
}

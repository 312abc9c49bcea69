using NavusoftSync.BuildingBlocks.Email;
using NavusoftSync.BuildingBlocks.MailServers;

namespace NavusoftSync.Linking.Links.PasswordLinking;

/// <summary>The rules that turn a validated password link request into credentials and an external account.</summary>
internal static class PasswordMailboxes
{
    /// <summary><c>ssl</c>, <c>starttls</c> or <c>none</c> (any case); null for anything else.</summary>
    public static MailSecurity? ParseSecurity(string? security) => security?.Trim().ToLowerInvariant() switch
    {
        "ssl" or "tls" => MailSecurity.Ssl,
        "starttls" => MailSecurity.StartTls,
        "none" => MailSecurity.None,
        _ => null,
    };

    /// <summary>
    /// The credentials the request names, the calendar home not yet discovered (empty). The mailbox's address is the request's
    /// <c>address</c>, else the IMAP user name when it is an address, else the user's own address, else the user name.
    /// </summary>
    public static MailboxServers Servers(LinkPasswordMailbox command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var login = command.Imap!;
        var imap = new ImapServer(NormalizedHost(login.Host!), login.Port!.Value, ParseSecurity(login.Security)!.Value, login.Username!.Trim(), login.Password!);
        var calDav = command.Caldav is { } dav
            ? new CalDavServer(dav.Url!.Trim(), CalendarHomeUrl: string.Empty, dav.Username?.Trim() ?? imap.Username, dav.Password ?? imap.Password)
            : null;
        return new MailboxServers(AddressOf(command, imap.Username), imap, calDav);
    }

    /// <summary>
    /// The link's external account id: the user name (trimmed, lower-cased), host and port, so linking the same login on the same
    /// server again finds the same link whatever password or CalDAV settings it comes with.
    /// </summary>
    public static string AccountId(ImapServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return $"imap://{Uri.EscapeDataString(server.Username.Trim().ToLowerInvariant())}@{NormalizedHost(server.Host)}:{server.Port}";
    }

    private static string NormalizedHost(string host) => host.Trim().TrimEnd('.').ToLowerInvariant();

    private static string AddressOf(LinkPasswordMailbox command, string username)
    {
        if (!string.IsNullOrWhiteSpace(command.Address))
        {
            return EmailAddressRule.Normalize(command.Address);
        }

        if (EmailAddressRule.IsValid(username))
        {
            return EmailAddressRule.Normalize(username);
        }

        return string.IsNullOrWhiteSpace(command.UserEmail) ? username : EmailAddressRule.Normalize(command.UserEmail);
    }
}

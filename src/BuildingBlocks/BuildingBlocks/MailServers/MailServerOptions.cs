namespace NavusoftSync.BuildingBlocks.MailServers;

/// <summary>
/// How NavusoftSync reaches password (IMAP and CalDAV) mail servers, for linking and for syncing alike.
/// <list type="bullet">
/// <item><see cref="AllowInsecureServers"/> (<c>Linking:AllowInsecureServers</c>): servers without TLS may be linked and read; tests and demos only.</item>
/// <item><see cref="AllowPrivateServers"/> (<c>Linking:AllowPrivateServers</c>): servers whose address is loopback, private, link-local
/// or otherwise not public may be reached. Off by default, so a user cannot make the service probe its own network
/// (metadata endpoints, the database); an operator with an on-premises mail server on a private network turns it on.</item>
/// <item><see cref="TrustedCertificateFile"/> (<c>MailServers:TrustedCertificateFile</c>): a PEM file of certificates trusted in addition to
/// the system's roots (a private CA, an on-premises server's self-signed certificate). The host name must still match.</item>
/// <item>Timeouts: <see cref="ConnectTimeoutSeconds"/> for DNS, TCP and TLS together; <see cref="CommandTimeoutSeconds"/> per IMAP
/// command or HTTP request.</item>
/// </list>
/// </summary>
public sealed class MailServerOptions
{
    public bool AllowInsecureServers { get; set; }

    public bool AllowPrivateServers { get; set; }

    public string? TrustedCertificateFile { get; set; }

    public int ConnectTimeoutSeconds { get; set; } = 15;

    public int CommandTimeoutSeconds { get; set; } = 60;

    public bool IsValid() => ConnectTimeoutSeconds is >= 1 and <= 300 && CommandTimeoutSeconds is >= 1 and <= 600;
}

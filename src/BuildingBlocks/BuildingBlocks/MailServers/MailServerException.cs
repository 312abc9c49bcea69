namespace NavusoftSync.BuildingBlocks.MailServers;

/// <summary>What went wrong talking to a password mail server, in words a person can act on.</summary>
public enum MailServerFailure
{
    /// <summary>No connection: DNS, refused, reset, or no answer within the connect timeout.</summary>
    Unreachable,

    /// <summary>The TLS handshake failed or the certificate is not trusted for the host name.</summary>
    Tls,

    /// <summary>The server refused the user name and password.</summary>
    LoginRefused,

    /// <summary>The server answered, but not as an IMAP or CalDAV server (or without what we need of one).</summary>
    NotSupported,

    /// <summary>The server's address is not public and <c>Linking:AllowPrivateServers</c> is off, or TLS is off and insecure servers are not allowed.</summary>
    NotAllowed,

    /// <summary>The server failed (5xx, a BYE, a dropped connection) or did not answer a command in time: try again later.</summary>
    Unavailable,
}

/// <summary>
/// A password mail server could not be used. <see cref="Exception.Message"/> is a sentence for a person that names the server (host
/// and port or URL), never the password or any mail content.
/// </summary>
public sealed class MailServerException(MailServerFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public MailServerFailure Failure { get; } = failure;
}

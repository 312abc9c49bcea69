using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace NavusoftSync.BuildingBlocks.MailServers;

/// <summary>
/// Certificate checks for IMAP and CalDAV servers: the system's roots, plus the certificates of
/// <see cref="MailServerOptions.TrustedCertificateFile"/> as extra roots. A name mismatch is never accepted.
/// </summary>
public sealed class MailServerTls
{
    private readonly X509Certificate2Collection _extraRoots;

    public MailServerTls(IOptions<MailServerOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _extraRoots = [];
        if (options.Value.TrustedCertificateFile is { Length: > 0 } file)
        {
            _extraRoots.ImportFromPemFile(file);
        }
    }

    /// <summary>The callback for MailKit's <c>ServerCertificateValidationCallback</c> and an HTTP handler's SSL options.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (_extraRoots.Count == 0 || certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_extraRoots);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements.Skip(1))
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(leaf);
    }

    /// <summary>
    /// A handler for CalDAV requests: connects only to vetted addresses (<see cref="ServerAddresses"/>), checks certificates with
    /// <see cref="Validate"/>, follows no redirects (the caller follows them, vetting each), and keeps no cookies.
    /// </summary>
    public SocketsHttpHandler HttpHandler(MailServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(options.ConnectTimeoutSeconds),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.All,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = Validate },
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = await ServerAddresses.ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, options, cancellationToken);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        };
    }
}

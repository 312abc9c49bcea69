using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Microsoft.Extensions.Options;

namespace NavusoftSync.BuildingBlocks.MailServers;

/// <summary>
/// Finds a CalDAV account's calendar home from the URL a person typed (RFC 6764 and RFC 4791): a root URL goes through
/// <c>.well-known/caldav</c> first; then <c>PROPFIND current-user-principal</c>, then <c>PROPFIND calendar-home-set</c> on the
/// principal. A URL that already is a principal or a calendar home answers those properties itself.
/// <list type="bullet">
/// <item>Every request goes through <see cref="MailServerTls.HttpHandler"/>: vetted addresses only, the configured trust, no
/// automatic redirects. Redirects are followed here, at most <see cref="MaxRedirects"/>, each target vetted the same way, and
/// https never turns into http unless insecure servers are allowed.</item>
/// <item>An answer is read up to <see cref="MaxResponseBytes"/>; XML without DTDs or external entities.</item>
/// <item>Every failure is a <see cref="MailServerException"/>: 401/403 LoginRefused, TLS Tls, no connection Unreachable,
/// an answer that is not WebDAV multistatus with the CalDAV properties NotSupported, 5xx or a timeout Unavailable.</item>
/// </list>
/// </summary>
public sealed class CalDavDiscovery : IDisposable
{
    public const int MaxRedirects = 5;
    public const int MaxResponseBytes = 1024 * 1024;
    public const int MaxAttempts = 3;

    private static readonly XNamespace Dav = "DAV:";
    private static readonly XNamespace CalDav = "urn:ietf:params:xml:ns:caldav";
    private static readonly HttpMethod Propfind = new("PROPFIND");

    private const string PropfindBody =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:propfind xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\">" +
        "<d:prop><d:current-user-principal/><c:calendar-home-set/></d:prop></d:propfind>";

    private readonly MailServerOptions _options;
    private readonly HttpMessageInvoker _http;

    public CalDavDiscovery(IOptions<MailServerOptions> options, MailServerTls tls)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tls);
        _options = options.Value;
        _http = new HttpMessageInvoker(tls.HttpHandler(_options), disposeHandler: true);
    }

    /// <summary>The calendar home URL of the account at <paramref name="url"/>; a <see cref="MailServerException"/> when there is none.</summary>
    public async Task<Uri> DiscoverAsync(string url, string username, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(password);
        var start = CheckedUrl(url);
        var login = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        var context = start;
        DavProperties? found = null;
        if (start.AbsolutePath == "/")
        {
            found = await TryWellKnownAsync(start, login, cancellationToken);
            context = found?.Url ?? start;
        }

        found ??= await PropfindAsync(context, login, cancellationToken);
        if (found.CalendarHome is null && found.Principal is { } principal && principal != found.Url)
        {
            found = await PropfindAsync(principal, login, cancellationToken);
        }

        return found.CalendarHome
            ?? throw new MailServerException(MailServerFailure.NotSupported, $"{Describe(start)} is not a CalDAV server: it names no calendar home for this account.");
    }

    public void Dispose() => _http.Dispose();

    /// <summary>What one PROPFIND found at <paramref name="Url"/> (after redirects): the principal and calendar home, when named.</summary>
    private sealed record DavProperties(Uri Url, Uri? Principal, Uri? CalendarHome);

    /// <summary><c>.well-known/caldav</c> of a root URL; null when the server has none (404, 405 or not multistatus), so the root itself is asked.</summary>
    private async Task<DavProperties?> TryWellKnownAsync(Uri root, AuthenticationHeaderValue login, CancellationToken cancellationToken)
    {
        try
        {
            return await PropfindAsync(new Uri(root, "/.well-known/caldav"), login, cancellationToken);
        }
        catch (MailServerException e) when (e.Failure == MailServerFailure.NotSupported)
        {
            return null;
        }
    }

    private async Task<DavProperties> PropfindAsync(Uri url, AuthenticationHeaderValue login, CancellationToken cancellationToken)
    {
        var (finalUrl, body) = await SendAsync(url, login, cancellationToken);
        var responses = ParseMultistatus(body, finalUrl);
        var principal = responses.Descendants(Dav + "current-user-principal").Elements(Dav + "href").Select(h => h.Value).FirstOrDefault();
        var home = responses.Descendants(CalDav + "calendar-home-set").Elements(Dav + "href").Select(h => h.Value).FirstOrDefault();
        return new DavProperties(finalUrl, Resolve(finalUrl, principal), Resolve(finalUrl, home));
    }

    /// <summary>PROPFIND (Depth 0) at <paramref name="url"/>, following redirects; the final URL and the multistatus body.</summary>
    private async Task<(Uri Url, string Body)> SendAsync(Uri url, AuthenticationHeaderValue login, CancellationToken cancellationToken)
    {
        for (var hop = 0; ; hop++)
        {
            using var response = await ExchangeAsync(url, login, cancellationToken);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                url = RedirectTarget(url, location, hop);
                continue;
            }

            ThrowForStatus(response.StatusCode, url);
            return (url, await ReadCappedAsync(response, url, cancellationToken));
        }
    }

    /// <summary>
    /// One PROPFIND, asked up to <see cref="MaxAttempts"/> times when the connection drops or the answer ends early (a server
    /// restarting, a proxy closing a connection): PROPFIND only reads, so asking again is safe.
    /// </summary>
    private async Task<HttpResponseMessage> ExchangeAsync(Uri url, AuthenticationHeaderValue login, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(Propfind, url) { Content = new StringContent(PropfindBody, Encoding.UTF8, "application/xml") };
            request.Headers.Authorization = login;
            request.Headers.Add("Depth", "0");
            request.Headers.ConnectionClose = true; // a few requests per link attempt: never a pooled connection the server may have closed meanwhile
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(_options.CommandTimeoutSeconds));
            try
            {
                return await _http.SendAsync(request, timeout.Token);
            }
            catch (HttpRequestException e) when (attempt < MaxAttempts && e.HttpRequestError is HttpRequestError.ResponseEnded or HttpRequestError.ConnectionError
                && e.InnerException is not MailServerException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
            }
            catch (Exception e) when (Failure(e, url, cancellationToken) is { } failure)
            {
                throw failure;
            }
        }
    }

    private Uri RedirectTarget(Uri from, Uri location, int hop) => hop >= MaxRedirects
        ? throw new MailServerException(MailServerFailure.NotSupported, $"{Describe(from)} redirected more than {MaxRedirects} times.")
        : Vetted(from, location.IsAbsoluteUri ? location : new Uri(from, location));

    /// <summary>A URL an answer from <paramref name="from"/> points to, checked like a typed one; https never becomes http unless insecure servers are allowed.</summary>
    private Uri Vetted(Uri from, Uri target)
    {
        if (from.Scheme == Uri.UriSchemeHttps && target.Scheme == Uri.UriSchemeHttp && !_options.AllowInsecureServers)
        {
            throw new MailServerException(MailServerFailure.NotAllowed, $"{Describe(from)} points to a plain http address, which this service does not follow.");
        }

        return CheckedUrl(target.AbsoluteUri);
    }

    private static void ThrowForStatus(HttpStatusCode status, Uri url)
    {
        var code = (int)status;
        if (code == 207)
        {
            return;
        }

        throw code switch
        {
            401 or 403 => new MailServerException(MailServerFailure.LoginRefused, $"The CalDAV server {Describe(url)} refused the user name or app password."),
            >= 500 => new MailServerException(MailServerFailure.Unavailable, $"The CalDAV server {Describe(url)} failed ({code}); try again later."),
            _ => new MailServerException(MailServerFailure.NotSupported, $"{Describe(url)} is not a CalDAV server (it answered {code} to a WebDAV request)."),
        };
    }

    private static async Task<string> ReadCappedAsync(HttpResponseMessage response, Uri url, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxResponseBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        if (total > MaxResponseBytes)
        {
            throw new MailServerException(MailServerFailure.NotSupported, $"{Describe(url)} is not a CalDAV server: its answer is larger than {MaxResponseBytes / 1024} KB.");
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    private static XElement ParseMultistatus(string body, Uri url)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxResponseBytes };
        try
        {
            using var reader = XmlReader.Create(new StringReader(body), settings);
            var root = XDocument.Load(reader).Root;
            return root is not null && root.Name == Dav + "multistatus"
                ? root
                : throw new MailServerException(MailServerFailure.NotSupported, $"{Describe(url)} is not a CalDAV server (its answer is not a WebDAV multistatus).");
        }
        catch (XmlException e)
        {
            throw new MailServerException(MailServerFailure.NotSupported, $"{Describe(url)} is not a CalDAV server (its answer is not valid XML).", e);
        }
    }

    /// <summary>An href of an answer from <paramref name="from"/>, resolved and vetted like a redirect; null when absent.</summary>
    private Uri? Resolve(Uri from, string? href) =>
        string.IsNullOrWhiteSpace(href) || !Uri.TryCreate(from, href.Trim(), out var resolved) ? null : Vetted(from, resolved);

    /// <summary>An absolute http(s) URL without user info (http only where insecure servers are allowed), or NotAllowed/NotSupported.</summary>
    private Uri CheckedUrl(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.UserInfo.Length > 0)
        {
            throw new MailServerException(MailServerFailure.NotSupported, "The CalDAV address must be an absolute https URL without a user name in it.");
        }

        return uri.Scheme == Uri.UriSchemeHttp && !_options.AllowInsecureServers
            ? throw new MailServerException(MailServerFailure.NotAllowed, $"The CalDAV server {Describe(uri)} must be reached with https.")
            : uri;
    }

    /// <summary>An exception of the HTTP stack as a <see cref="MailServerException"/>; null for cancellation by the caller.</summary>
    private static MailServerException? Failure(Exception e, Uri url, CancellationToken cancellationToken)
    {
        if (e is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return null;
        }

        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is MailServerException ours)
            {
                return ours;
            }
        }

        return e switch
        {
            OperationCanceledException or TimeoutException => new(MailServerFailure.Unavailable, $"The CalDAV server {Describe(url)} did not answer in time.", e),
            HttpRequestException { HttpRequestError: HttpRequestError.SecureConnectionError } or AuthenticationException =>
                new(MailServerFailure.Tls, $"The TLS connection to {Describe(url)} failed: the server's certificate is not trusted for {url.Host}, or it does not speak TLS on this port.", e),
            HttpRequestException { HttpRequestError: HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded } =>
                new(MailServerFailure.NotSupported, $"{Describe(url)} did not answer as an HTTP server.", e),
            HttpRequestException => new(MailServerFailure.Unreachable, $"The connection to {Describe(url)} failed or was dropped.", e),
            _ => null,
        };
    }

    /// <summary>The URL as a sentence names it: scheme, host, port and path, never a query.</summary>
    private static string Describe(Uri url) => url.GetLeftPart(UriPartial.Path);
}

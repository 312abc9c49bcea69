using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NavusoftSync.BuildingBlocks.MailServers;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Providers.Imap.CalDav;

/// <summary>
/// CalDAV calendar rounds of a password link (see README.md): the calendars under the account's calendar home, each read
/// by sync-collection from its stored token (ctag/ETag comparison where the server has none), changed resources fetched by
/// calendar-multiget in chunks and expanded within the window. A calendar gone since the last round releases what it held.
/// Pages carry no cursor but the last. A link without a CalDAV account reads one empty page with the cursor <c>"none"</c>.
/// </summary>
internal sealed class CalDavReader : IDisposable
{
    private readonly HttpClient _http;
    private readonly ProviderReadingOptions _options;
    private readonly ILogger<CalDavReader> _logger;
    private readonly TimeProvider _clock;

    public CalDavReader(MailServerTls tls, IOptions<MailServerOptions> servers, IOptions<ProviderReadingOptions> options, ILogger<CalDavReader> logger, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(tls);
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(options);
        _http = new HttpClient(tls.HttpHandler(servers.Value)) { Timeout = TimeSpan.FromSeconds(servers.Value.CommandTimeoutSeconds) };
        (_options, _logger, _clock) = (options.Value, logger, clock);
    }

    public async IAsyncEnumerable<ProviderPage<CalendarItem>> ReadAsync(
        MailboxAccess access, string? cursor, CalendarWindow window, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var password = await PasswordAccess.OpenAsync(access, cancellationToken);
        if (password.Servers.CalDav is not { } server)
        {
            yield return new ProviderPage<CalendarItem>([], [], [], CalDavCursor.None);
            yield break;
        }

        var before = CalDavCursor.Parse(cursor);
        var home = Uri.TryCreate(server.CalendarHomeUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"
            ? url : throw new ProviderUnavailableException("The link's CalDAV calendar home is not an http(s) URL.");
        var session = new CalDavSession(_http, access, password, server, _options, _clock, _logger);
        var calendars = await CalDavCalendars.ListAsync(session, home, cancellationToken);
        var after = new Dictionary<string, CalDavCalendarState>(StringComparer.Ordinal);
        var gone = new PageBuilder<CalendarItem>();
        foreach (var (path, state) in before.Calendars.Where(c => calendars.All(k => k.Path != c.Key)))
        {
            gone.Removed.AddRange(state.Held.Select(name => RemovedItem.Series(path + name, new HashSet<string>())));
        }

        if (!gone.IsEmpty)
        {
            yield return gone.Build(null);
        }

        foreach (var calendar in calendars)
        {
            var round = new CalDavCalendarRound(session, calendar, before.Calendars.GetValueOrDefault(calendar.Path), window, _options, _logger);
            await foreach (var page in round.ReadAsync(cancellationToken))
            {
                yield return page;
            }

            after[calendar.Path] = round.State;
        }

        yield return new ProviderPage<CalendarItem>([], [], [], new CalDavCursor(after).Serialize());
    }

    public void Dispose() => _http.Dispose();
}

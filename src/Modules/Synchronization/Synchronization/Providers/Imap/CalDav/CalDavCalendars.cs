namespace NavusoftSync.Synchronization.Providers.Imap.CalDav;

/// <summary>A calendar collection under the home: its path (the cursor's key), URL, and what PROPFIND said of its state.</summary>
internal sealed record CalDavCalendar(string Path, Uri Url, string? SyncToken, string? CTag)
{
    /// <summary>
    /// The path of an href the server sent about a resource of this calendar, or null when it is not a direct member of it
    /// (another host, another collection, the collection itself): such hrefs are never asked for or reported.
    /// </summary>
    public string? MemberPath(string href) =>
        CalDavPaths.Resolve(Url, href) is { } path && path.Length > Path.Length && path.StartsWith(Path, StringComparison.Ordinal)
        && path.IndexOf('/', Path.Length) < 0 ? path : null;

    /// <summary>A member's name within the collection (its last path segment), as the cursor keeps it.</summary>
    public string NameOf(string memberPath) => memberPath[Path.Length..];
}

/// <summary>Hrefs as absolute paths on the account's own server.</summary>
internal static class CalDavPaths
{
    /// <summary>The absolute path of <paramref name="href"/> resolved against <paramref name="baseUrl"/>, or null when it names another server.</summary>
    public static string? Resolve(Uri baseUrl, string href)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return Uri.TryCreate(baseUrl, href, out var url) && url.Scheme == baseUrl.Scheme
            && string.Equals(url.Authority, baseUrl.Authority, StringComparison.OrdinalIgnoreCase) ? url.AbsolutePath : null;
    }
}

/// <summary>
/// The account's calendars: PROPFIND Depth 1 on the calendar home; the collections whose resourcetype is a CalDAV calendar and
/// whose supported-calendar-component-set (when given) holds VEVENT, with their sync-token and getctag.
/// </summary>
internal static class CalDavCalendars
{
    public static async Task<IReadOnlyList<CalDavCalendar>> ListAsync(CalDavSession session, Uri home, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var answer = await session.SendAsync("PROPFIND", home, "1", DavXml.CalendarsPropfind, cancellationToken);
        if (answer.Status != 207 || answer.TooLarge)
        {
            throw new ProviderUnavailableException($"The CalDAV server {home.Authority} answered {answer.Status} when asked for the calendars of {home.AbsolutePath}.");
        }

        var calendars = new List<CalDavCalendar>();
        foreach (var response in DavXml.ReadMultistatus(answer.Body).Responses)
        {
            if (response is not { Status: 200, IsCalendar: true } || response.Components is { } components && !components.Contains("VEVENT"))
            {
                continue;
            }

            var path = CalDavPaths.Resolve(home, response.Href);
            if (path is null || !path.StartsWith(home.AbsolutePath, StringComparison.Ordinal) || path.Length <= home.AbsolutePath.Length)
            {
                continue;
            }

            path = path.EndsWith('/') ? path : path + "/";
            calendars.Add(new CalDavCalendar(path, new Uri(home, path), response.SyncToken, response.CTag));
        }

        return calendars;
    }
}

using System.Text.Json;

namespace NavusoftSync.Synchronization.Providers.Microsoft;

/// <summary>
/// The opaque cursors of the Graph reader: for mail <c>{"inbox": deltaLink, "sentitems": deltaLink}</c>, for the calendar the
/// calendarView deltaLink itself. A cursor that is unreadable or points at another Graph base than the configured one is
/// treated as expired (the caller runs a full round).
/// </summary>
internal static class GraphCursors
{
    public static readonly string[] MailFolders = ["inbox", "sentitems"];

    public static string WriteMail(IReadOnlyDictionary<string, string> deltaLinks) => JsonSerializer.Serialize(deltaLinks);

    public static IReadOnlyDictionary<string, string> ReadMail(string cursor, string graphBaseUrl)
    {
        Dictionary<string, string>? links;
        try
        {
            links = JsonSerializer.Deserialize<Dictionary<string, string>>(cursor);
        }
        catch (JsonException)
        {
            links = null;
        }

        if (links is null || !MailFolders.All(f => links.TryGetValue(f, out var link) && IsOurs(link, graphBaseUrl)))
        {
            throw new CursorExpiredException("The stored Graph mail cursor is unreadable; a full round is needed.");
        }

        return links;
    }

    public static string ReadCalendar(string cursor, string graphBaseUrl) =>
        IsOurs(cursor, graphBaseUrl) ? cursor : throw new CursorExpiredException("The stored Graph calendar cursor is unreadable; a full round is needed.");

    private static bool IsOurs(string? link, string graphBaseUrl) =>
        link is not null && Uri.TryCreate(link, UriKind.Absolute, out _) && link.StartsWith(graphBaseUrl + "/", StringComparison.OrdinalIgnoreCase);
}

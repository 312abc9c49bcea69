using System.Text.Json;
using System.Text.Json.Serialization;

namespace NavusoftSync.Synchronization.Providers.Imap.CalDav;

/// <summary>
/// What the reader remembers of one calendar collection: its RFC 6578 <see cref="SyncToken"/>, or, on a server without
/// sync-collection, its <see cref="CTag"/> and every resource's <see cref="ETags"/>; and in both cases the resources whose last
/// read gave occurrences (<see cref="Held"/>), which are released should the calendar disappear. Resources are named by
/// their last path segment within the collection.
/// </summary>
internal sealed record CalDavCalendarState
{
    public string? SyncToken { get; init; }

    public string? CTag { get; init; }

    public IReadOnlyDictionary<string, string>? ETags { get; init; }

    public IReadOnlyList<string> Held { get; init; } = [];
}

/// <summary>
/// The calendar cursor: <c>{"v":1,"calendars":{"/dav/user/work/":{"syncToken":"…","held":["a.ics"]}}}</c>, keyed by the
/// collection's path. <c>"none"</c> is the cursor of a link without a CalDAV account. A cursor that cannot be read is expired.
/// </summary>
internal sealed record CalDavCursor(IReadOnlyDictionary<string, CalDavCalendarState> Calendars)
{
    public const string None = "none";

    private const int Version = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        MaxDepth = 8,
    };

    public static CalDavCursor Empty { get; } = new(new Dictionary<string, CalDavCalendarState>());

    /// <summary>The stored cursor; null or <see cref="None"/> is a first round; anything unreadable throws <see cref="CursorExpiredException"/>.</summary>
    public static CalDavCursor Parse(string? cursor)
    {
        if (cursor is null || cursor == None)
        {
            return Empty;
        }

        try
        {
            var stored = JsonSerializer.Deserialize<Stored>(cursor, Json);
            return stored is { V: Version, Calendars: { } calendars } && calendars.Values.All(c => c is not null)
                ? new CalDavCursor(calendars)
                : throw new CursorExpiredException("The calendar cursor is not a CalDAV cursor of this version.");
        }
        catch (JsonException e)
        {
            throw new CursorExpiredException("The calendar cursor is not a CalDAV cursor.", e);
        }
    }

    public string Serialize() => JsonSerializer.Serialize(new Stored(Version, Calendars), Json);

    private sealed record Stored(int V, IReadOnlyDictionary<string, CalDavCalendarState>? Calendars);
}

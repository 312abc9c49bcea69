using Microsoft.Graph.Models;
using NavusoftSync.Synchronization.Providers.Reading;
using GraphAttendee = Microsoft.Graph.Models.Attendee;
using NavusoftSync.Synchronization.Contracts.Recorded;
using Attendee = NavusoftSync.Synchronization.Contracts.Recorded.Attendee;
using Participant = NavusoftSync.Synchronization.Contracts.Recorded.Participant;

namespace NavusoftSync.Synchronization.Providers.Microsoft;

/// <summary>
/// calendarView delta rows into a page. Occurrences carry the series master's iCalUId (Graph gives each occurrence its own),
/// so every occurrence of a meeting maps to one appointment key with its original start.
/// </summary>
internal static class GraphEvents
{
    public static async Task AddToAsync(PageBuilder<CalendarItem> page, IEnumerable<Event>? events, Func<string, Task<string?>> seriesUid)
    {
        foreach (var item in events ?? [])
        {
            var id = item.Id;
            if (string.IsNullOrWhiteSpace(id))
            {
                page.Malformed.Add(new MalformedItem("(none)", "an event without an id"));
            }
            else if (item.AdditionalData?.ContainsKey("@removed") == true)
            {
                page.Removed.Add(new RemovedItem(id));
            }
            else
            {
                var uid = item.SeriesMasterId is { Length: > 0 } master ? await seriesUid(master) ?? item.ICalUId : item.ICalUId;
                page.Guard(id, () => Add(page, item, id, uid));
            }
        }
    }

    private static void Add(PageBuilder<CalendarItem> page, Event item, string id, string? uid)
    {
        var allDay = item.IsAllDay == true;
        if (GraphTimes.Parse(item.Start, allDay) is not { } start || GraphTimes.Parse(item.End, allDay) is not { } end)
        {
            page.Malformed.Add(new MalformedItem(id, "unreadable start or end"));
            return;
        }

        if (string.IsNullOrWhiteSpace(uid))
        {
            page.Malformed.Add(new MalformedItem(id, "no iCalUId"));
            return;
        }

        var description = Description(item.Body);
        page.Items.Add(new CalendarItem(
            id,
            uid,
            item.SeriesMasterId,
            item.SeriesMasterId is null ? null : GraphTimes.OriginalStart(item, allDay, start),
            TextLimits.Line(item.Subject),
            start,
            end,
            allDay,
            TextLimits.OptionalLine(item.Location?.DisplayName),
            GraphMessages.Participant(item.Organizer),
            [.. (item.Attendees ?? []).Select(ToAttendee).OfType<Attendee>()],
            description.Text,
            item.IsCancelled == true,
            item.LastModifiedDateTime,
            description.Truncated));
    }

    private static Attendee? ToAttendee(GraphAttendee attendee) =>
        attendee.EmailAddress is { Address: { Length: > 0 } address } email
            ? new Attendee(TextLimits.Name(email.Name), address, Response(attendee.Status?.Response))
            : null;

    private static string Response(ResponseType? response) => response switch
    {
        ResponseType.Accepted or ResponseType.Organizer => "accepted",
        ResponseType.Declined => "declined",
        ResponseType.TentativelyAccepted => "tentative",
        _ => "none",
    };

    /// <summary>The body as bounded text: HTML converted (Graph answers HTML when it ignores the text preference).</summary>
    private static BoundedText Description(ItemBody? body) =>
        body?.Content is null ? BoundedText.None
        : body.ContentType == BodyType.Html ? HtmlText.ToText(body.Content)
        : TextLimits.Body(body.Content);
}

namespace NavusoftSync.Synchronization.Providers.Google.Calendar;

// The Calendar v3 resources we read, named as in Google.Apis.Calendar.v3.Data.

internal sealed record Events(IReadOnlyList<Event>? Items, string? NextPageToken, string? NextSyncToken, string? TimeZone);

internal sealed record Event(
    string? Id,
    string? Status,
    string? Summary,
    string? Description,
    string? Location,
    string? ICalUID,
    string? RecurringEventId,
    EventDateTime? Start,
    EventDateTime? End,
    EventDateTime? OriginalStartTime,
    EventPerson? Organizer,
    IReadOnlyList<EventAttendee>? Attendees,
    string? Updated);

/// <summary>Either <c>date</c> (all-day, yyyy-mm-dd) or <c>dateTime</c> (RFC 3339), with an optional IANA <c>timeZone</c>.</summary>
internal sealed record EventDateTime(string? Date, string? DateTime, string? TimeZone);

internal sealed record EventPerson(string? Email, string? DisplayName, bool? Self);

internal sealed record EventAttendee(string? Email, string? DisplayName, string? ResponseStatus, bool? Organizer, bool? Resource, bool? Optional);

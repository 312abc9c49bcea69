using NavusoftSync.ContactDirectory.Contracts;
using NavusoftSync.Synchronization.Matching;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Appointments;

/// <summary>Pure, idempotent decisions on an appointment stream (see ThreadDecisions).</summary>
internal static class AppointmentDecisions
{
    /// <summary>A matched occurrence read from one user's calendar: its latest state as that provider reports it.</summary>
    public static IReadOnlyList<object> Record(
        Appointment? state, string key, CalendarItem item, string userId, string linkId, ContactMatches matches, DateTimeOffset now)
    {
        var events = new List<object>();
        if (state is null)
        {
            events.Add(new AppointmentScheduled(key, item.Title, item.Start, item.End, item.IsAllDay, item.Location, item.Organizer, item.Attendees, item.Description, now));
            if (item.IsCancelled)
            {
                events.Add(new AppointmentCancelled(key, now));
            }
        }
        else
        {
            if (state.Start != item.Start || state.End != item.End || state.IsAllDay != item.IsAllDay)
            {
                events.Add(new AppointmentRescheduled(key, item.Start, item.End, item.IsAllDay, now));
            }

            if (state.Title != item.Title || state.Location != item.Location || state.Description != item.Description)
            {
                events.Add(new AppointmentDetailsChanged(key, item.Title, item.Location, item.Description, now));
            }

            if (!SamePeople(state.Organizer, state.Attendees, item.Organizer, item.Attendees))
            {
                events.Add(new AppointmentAttendeesChanged(key, item.Organizer, item.Attendees, now));
            }

            if (item.IsCancelled != state.IsCancelled)
            {
                events.Add(item.IsCancelled ? new AppointmentCancelled(key, now) : new AppointmentReinstated(key, now));
            }
        }

        if (state is null || !state.Holders.Contains(new CalendarHolder(userId, linkId)))
        {
            events.Add(new AppointmentHeld(key, userId, linkId, now));
        }

        foreach (var (accountId, addresses) in matches.ByAccount)
        {
            var known = state?.Accounts.GetValueOrDefault(accountId) ?? [];
            var union = known.Union(addresses, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (union.Count != known.Count)
            {
                events.Add(new AppointmentAccountMatched(key, accountId, union, now));
            }
        }

        return events;
    }

    /// <summary>
    /// Who takes part, compared by normalized address (and, for attendees, their answer) in any
    /// order: one provider leaves names out or lists attendees in another order than the other, so a
    /// meeting seen through two users' calendars would otherwise flip its attendee list every run.
    /// </summary>
    internal static bool SamePeople(Participant? organizer, IReadOnlyList<Attendee> attendees, Participant? otherOrganizer, IReadOnlyList<Attendee> otherAttendees)
    {
        static string? Address(string? address) => address is null ? null : EmailAddresses.Normalize(address);
        static HashSet<(string, string)> Set(IEnumerable<Attendee> a) =>
            [.. a.Select(x => (EmailAddresses.Normalize(x.Address), x.Response.ToLowerInvariant()))];

        return Address(organizer?.Address) == Address(otherOrganizer?.Address) && Set(attendees).SetEquals(Set(otherAttendees));
    }

    /// <summary>
    /// The provider reports the occurrence gone from that calendar (deleted there, or moved out of
    /// the window). That calendar no longer holds it; once no linked calendar holds it, it shows as
    /// cancelled rather than silently staying scheduled. An explicit cancellation comes through
    /// <see cref="Record"/> with <c>IsCancelled</c>.
    /// </summary>
    public static IReadOnlyList<object> Remove(Appointment? state, string userId, string linkId, DateTimeOffset now)
    {
        if (state is null || !state.Holders.Contains(new CalendarHolder(userId, linkId)))
        {
            return [];
        }

        var events = new List<object> { new AppointmentReleased(state.Id, userId, linkId, now) };
        if (state.Holders.Count == 1 && !state.IsCancelled)
        {
            events.Add(new AppointmentCancelled(state.Id, now));
        }

        return events;
    }

    /// <summary>A contact of the account now has this address, which takes part in the meeting.</summary>
    public static IReadOnlyList<object> ContactAppeared(Appointment state, string accountId, string address, DateTimeOffset now) =>
        ContactChanges.Widen(state.Accounts, accountId, address) is { } widened
            ? [new AppointmentAccountMatched(state.Id, accountId, widened, now)]
            : [];

    /// <summary>A contact of the account no longer has this address (see ThreadDecisions.ContactDisappeared).</summary>
    public static IReadOnlyList<object> ContactDisappeared(Appointment state, string accountId, string address, DateTimeOffset now) =>
        ContactChanges.Narrow(state.Accounts, accountId, address) switch
        {
            null => [],
            [] => [new AppointmentAccountUnmatched(state.Id, accountId, now)],
            var rest => [new AppointmentAccountMatched(state.Id, accountId, rest, now)],
        };

    /// <summary>The link was removed: its calendar no longer holds the meeting (which is not cancelled for that).</summary>
    public static IReadOnlyList<object> Unlink(Appointment? state, string userId, string linkId, DateTimeOffset now) =>
        state is not null && state.Holders.Contains(new CalendarHolder(userId, linkId))
            ? [new AppointmentReleased(state.Id, userId, linkId, now)]
            : [];
}

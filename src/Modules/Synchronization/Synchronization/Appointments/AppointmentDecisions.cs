using NavusoftSync.BuildingBlocks.Email;
using NavusoftSync.Synchronization.Matching;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Providers.Reading;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Appointments;

/// <summary>Pure, idempotent decisions on an appointment stream (see ThreadDecisions).</summary>
internal static class AppointmentDecisions
{
    /// <summary>
    /// A matched occurrence read from one user's calendar (<paramref name="mailbox"/>, with that calendar's address). Every
    /// calendar that holds the meeting is recorded as holding it, but only the copy of the calendar that is the meeting's
    /// <see cref="Appointment.Authority"/> sets its time, place, title, description, people and cancellation: the
    /// organizer's own calendar when one is linked, else the first calendar that held it. A differing copy in any other
    /// calendar (a forged invite reusing the UID, a stale copy) changes nothing others see; the organizer named first is
    /// never replaced. What goes into the events is bounded (<see cref="TextLimits"/>) whatever read it. See ADR 0015.
    /// An appointment an admin erased records nothing again.
    /// </summary>
    public static IReadOnlyList<object> Record(
        Appointment? state, string key, CalendarItem item, HoldingMailbox mailbox, ContactMatches matches, DateTimeOffset now)
    {
        if (state is { Erased: true })
        {
            return [];
        }

        item = Bounded(item);
        var organizerCopy = IsOrganizerCopy(state, item, mailbox.Address);
        var known = state?.Holders.FirstOrDefault(h => h.Is(mailbox.UserId, mailbox.LinkId));
        var held = known is null || (organizerCopy && !known.IsOrganizer) ? new AppointmentHeld(key, mailbox.UserId, mailbox.LinkId, now, organizerCopy) : null;
        var events = new List<object>();
        if (state is null)
        {
            events.Add(new AppointmentScheduled(
                key, item.Title, item.Start, item.End, item.IsAllDay, item.Location, item.Organizer, item.Attendees, item.Description, now, item.DescriptionTruncated));
            if (item.IsCancelled)
            {
                events.Add(new AppointmentCancelled(key, now));
            }
        }
        else if ((held is null ? state : Appointment.Fold(state, held)!).Authority() is { } authority && authority.Is(mailbox.UserId, mailbox.LinkId))
        {
            events.AddRange(Follow(state, key, item, now));
        }

        if (held is not null)
        {
            events.Add(held);
        }

        // An account comes in only through people the meeting (as its authority's copy has it) includes: a copy that
        // adds an attendee cannot put the meeting on that attendee's account calendar.
        var people = People(events.Aggregate(state, Appointment.Fold)!);
        var matched = matches.ByAccount.Select(m =>
            (m.Key, (IReadOnlyList<string>)[.. m.Value.Where(a => people.Contains(EmailAddressRule.Normalize(TextLimits.Address(a))))]));
        events.AddRange(MatchedAccounts.Widened(state?.Accounts, matched).Select(a => new AppointmentAccountMatched(key, a.AccountId, a.Addresses, now)));
        return events;
    }

    private static HashSet<string> People(Appointment meeting) =>
        [.. meeting.Attendees.Select(a => a.Address).Append(meeting.Organizer?.Address).OfType<string>().Select(EmailAddressRule.Normalize)];

    /// <summary>The authority's copy: whatever of it differs from the state (the organizer named first stays).</summary>
    private static IEnumerable<object> Follow(Appointment state, string key, CalendarItem item, DateTimeOffset now)
    {
        if (state.Start != item.Start || state.End != item.End || state.IsAllDay != item.IsAllDay)
        {
            yield return new AppointmentRescheduled(key, item.Start, item.End, item.IsAllDay, now);
        }

        if (state.Title != item.Title || state.Location != item.Location || state.Description != item.Description || state.DescriptionTruncated != item.DescriptionTruncated)
        {
            yield return new AppointmentDetailsChanged(key, item.Title, item.Location, item.Description, now, item.DescriptionTruncated);
        }

        var organizer = state.Organizer ?? item.Organizer;
        if (!SamePeople(state.Organizer, state.Attendees, organizer, item.Attendees))
        {
            yield return new AppointmentAttendeesChanged(key, organizer, item.Attendees, now);
        }

        if (item.IsCancelled != state.IsCancelled)
        {
            yield return item.IsCancelled ? new AppointmentCancelled(key, now) : new AppointmentReinstated(key, now);
        }
    }

    /// <summary>
    /// The copy is the organizer's own: it names an organizer, that organizer is the calendar's own address, and it is
    /// the organizer the meeting was first recorded with (a calendar naming itself organizer of someone else's meeting is
    /// not its organizer).
    /// </summary>
    internal static bool IsOrganizerCopy(Appointment? state, CalendarItem item, string mailbox) =>
        item.Organizer is { } organizer
        && !string.IsNullOrWhiteSpace(mailbox)
        && EmailAddressRule.Normalize(organizer.Address) == EmailAddressRule.Normalize(mailbox)
        && (state?.Organizer is null || EmailAddressRule.Normalize(state.Organizer.Address) == EmailAddressRule.Normalize(organizer.Address));

    private static CalendarItem Bounded(CalendarItem item)
    {
        var description = TextLimits.Body(item.Description, item.DescriptionTruncated);
        return item with
        {
            Title = TextLimits.Line(item.Title),
            Location = TextLimits.OptionalLine(item.Location),
            Organizer = item.Organizer is null ? null : TextLimits.Participant(item.Organizer),
            Attendees = [.. item.Attendees.Select(TextLimits.Attendee)],
            Description = description.Text,
            DescriptionTruncated = description.Truncated,
        };
    }

    /// <summary>
    /// Who takes part, compared by normalized address (and, for attendees, their answer) in any
    /// order: one provider leaves names out or lists attendees in another order than the other, so a
    /// meeting seen through two users' calendars would otherwise flip its attendee list every run.
    /// </summary>
    internal static bool SamePeople(Participant? organizer, IReadOnlyList<Attendee> attendees, Participant? otherOrganizer, IReadOnlyList<Attendee> otherAttendees)
    {
        static string? Address(string? address) => address is null ? null : EmailAddressRule.Normalize(address);
        static HashSet<(string, string)> Set(IEnumerable<Attendee> a) =>
            [.. a.Select(x => (EmailAddressRule.Normalize(x.Address), x.Response.ToLowerInvariant()))];

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
        if (state is null || !state.IsHeldBy(userId, linkId))
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
        !state.Erased && ContactChanges.Widen(state.Accounts, accountId, address) is { } widened
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
        state is not null && state.IsHeldBy(userId, linkId)
            ? [new AppointmentReleased(state.Id, userId, linkId, now)]
            : [];

    /// <summary>A user whose calendar holds the appointment marks it private, or not (the caller checked that it holds it).</summary>
    public static IReadOnlyList<object> MarkPrivate(Appointment state, string userId, bool marked, DateTimeOffset now) =>
        state.IsMarkedPrivateBy(userId) == marked ? [] : [new AppointmentMarkedPrivate(state.Id, userId, marked, now)];

    /// <summary>The appointment's content is erased (see ThreadDecisions.Erase).</summary>
    public static IReadOnlyList<object> Erase(Appointment? state, string key, string erasedBy, string reason, bool final, DateTimeOffset now) =>
        state is { Erased: true } || (state is null && !final) ? [] : [new AppointmentErased(key, erasedBy, reason, final, now)];
}

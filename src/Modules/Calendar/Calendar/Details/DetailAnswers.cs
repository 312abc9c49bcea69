using NavusoftSync.BuildingBlocks.Email;
using NavusoftSync.Calendar.Placement;
using NavusoftSync.Calendar.Privacy;
using NavusoftSync.Calendar.Projections;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Calendar.Details;

internal sealed record ParticipantDto(string? Name, string Email)
{
    public static ParticipantDto From(Participant p) => new(string.IsNullOrWhiteSpace(p.Name) ? null : p.Name, EmailAddressRule.Normalize(p.Address));
}

internal sealed record AttendeeDto(string? Name, string Email, string Response);

/// <summary>Why an account has the item: the contact addresses that took part (none shown when the caller may not see people).</summary>
internal sealed record AccountMatchDto(string AccountId, IReadOnlyList<string> MatchedContacts)
{
    public static IReadOnlyList<AccountMatchDto> From(IReadOnlyList<AccountMatch> accounts, bool people) =>
        [.. accounts.Select(a => new AccountMatchDto(a.AccountId, people ? a.MatchedContacts : []))];
}

internal sealed record MessageDto(
    string MessageId, ParticipantDto? From, IReadOnlyList<ParticipantDto> To, IReadOnlyList<ParticipantDto> Cc,
    DateTimeOffset SentAt, string? Snippet, string? BodyText, bool BodyTruncated);

/// <summary>
/// <c>GET /api/emails/{threadId}</c> (instants in UTC) as the caller may see it (<see cref="Visibility"/>, shaped by
/// <see cref="VisibleContent"/>): <c>subject</c> leaves out snippets and bodies (<c>bodyTruncated</c> false);
/// <c>metadata</c> also the subject ("Email"); <c>private</c> shows "Private email" with its id, start, account ids and
/// stream id only: no participants, no messages, no matched contact addresses. <c>markedPrivate</c>: the caller has
/// marked it private (what a "private" toggle shows; only a holder can).
/// </summary>
internal sealed record EmailThreadDetails(
    string ThreadId, string Subject, DateTimeOffset StartedAt, IReadOnlyList<string> AccountIds, IReadOnlyList<ParticipantDto> Participants,
    IReadOnlyList<MessageDto> Messages, string StreamId, IReadOnlyList<AccountMatchDto> Accounts, string Visibility, bool MarkedPrivate)
{
    public static EmailThreadDetails From(EmailThreadView view, string level, bool markedPrivate)
    {
        var people = VisibleContent.ShowsPeople(level);
        var bodies = VisibleContent.ShowsBodies(level);
        return new(
            view.Id, VisibleContent.Title(ItemKind.Email, view.Subject, level), view.StartedAt, [.. view.Accounts.Select(a => a.AccountId)],
            people ? ParticipantsOf(view) : [],
            people ? [.. view.Messages.Select(m => Message(m, bodies))] : [],
            view.Id, AccountMatchDto.From(view.Accounts, people), level, markedPrivate);
    }

    private static MessageDto Message(ThreadMessageView m, bool bodies) => new(
        m.MessageKey, m.From is null ? null : ParticipantDto.From(m.From), [.. m.To.Select(ParticipantDto.From)], [.. m.Cc.Select(ParticipantDto.From)],
        m.SentAt, bodies ? m.Snippet : null, bodies ? m.BodyText : null, bodies && m.BodyTruncated);

    /// <summary>Everyone who took part, once each by normalized address, in message order (a name found later fills a missing one).</summary>
    private static List<ParticipantDto> ParticipantsOf(EmailThreadView view)
    {
        var participants = new List<ParticipantDto>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in view.Messages.SelectMany(m => (m.From is null ? [] : new[] { m.From }).Concat(m.To).Concat(m.Cc)))
        {
            var dto = ParticipantDto.From(p);
            if (!seen.TryGetValue(dto.Email, out var at))
            {
                seen[dto.Email] = participants.Count;
                participants.Add(dto);
            }
            else if (participants[at].Name is null && dto.Name is not null)
            {
                participants[at] = dto;
            }
        }

        return participants;
    }
}

/// <summary>
/// <c>GET /api/appointments/{appointmentId}</c>: <c>start</c>/<c>end</c> are UTC instants, or dates
/// when the appointment is all-day. As the caller may see it: <c>subject</c> leaves out the description
/// (<c>descriptionTruncated</c> false); <c>metadata</c> also the title ("Appointment") and the location;
/// <c>private</c> shows "Private appointment" with its id, times, all-day, status, account ids and stream id
/// only: no organizer, attendees or matched contact addresses. <c>markedPrivate</c>: the caller has marked it private.
/// </summary>
internal sealed record AppointmentDetails(
    string AppointmentId, string Title, string? Start, string? End, bool IsAllDay, string? Location, ParticipantDto? Organizer,
    IReadOnlyList<AttendeeDto> Attendees, string? Description, AppointmentStatus Status, IReadOnlyList<string> AccountIds, string StreamId,
    IReadOnlyList<AccountMatchDto> Accounts, bool DescriptionTruncated, string Visibility, bool MarkedPrivate)
{
    public static AppointmentDetails From(AppointmentView view, string level, bool markedPrivate)
    {
        var people = VisibleContent.ShowsPeople(level);
        var bodies = VisibleContent.ShowsBodies(level);
        return new(
            view.Id, VisibleContent.Title(ItemKind.Appointment, view.Title, level), Text(view.Start), Text(view.End), view.IsAllDay,
            VisibleContent.ShowsTitle(level) ? view.Location : null,
            people && view.Organizer is not null ? ParticipantDto.From(view.Organizer) : null,
            people ? [.. view.Attendees.Select(a => new AttendeeDto(string.IsNullOrWhiteSpace(a.Name) ? null : a.Name, EmailAddressRule.Normalize(a.Address), a.Response))] : [],
            bodies ? view.Description : null, view.Status, [.. view.Accounts.Select(a => a.AccountId)], view.Id, AccountMatchDto.From(view.Accounts, people),
            bodies && view.DescriptionTruncated, level, markedPrivate);
    }

    private static string? Text(When when) =>
        when.Instant is { } instant ? IsoText.Instant(instant.ToUniversalTime()) : when.Date is { } date ? IsoText.Date(date) : null;
}

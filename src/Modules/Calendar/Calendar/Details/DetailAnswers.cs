using NavusoftSync.BuildingBlocks.Email;
using NavusoftSync.Calendar.Placement;
using NavusoftSync.Calendar.Projections;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Calendar.Details;

internal sealed record ParticipantDto(string? Name, string Email)
{
    public static ParticipantDto From(Participant p) => new(string.IsNullOrWhiteSpace(p.Name) ? null : p.Name, EmailAddressRule.Normalize(p.Address));
}

internal sealed record AttendeeDto(string? Name, string Email, string Response);

/// <summary>Why an account has the item: the contact addresses that took part.</summary>
internal sealed record AccountMatchDto(string AccountId, IReadOnlyList<string> MatchedContacts)
{
    public static IReadOnlyList<AccountMatchDto> From(IReadOnlyList<AccountMatch> accounts) =>
        [.. accounts.Select(a => new AccountMatchDto(a.AccountId, a.MatchedContacts))];
}

internal sealed record MessageDto(
    string MessageId, ParticipantDto? From, IReadOnlyList<ParticipantDto> To, IReadOnlyList<ParticipantDto> Cc,
    DateTimeOffset SentAt, string? Snippet, string? BodyText, bool BodyTruncated);

/// <summary><c>GET /api/emails/{threadId}</c> (instants in UTC).</summary>
internal sealed record EmailThreadDetails(
    string ThreadId, string Subject, DateTimeOffset StartedAt, IReadOnlyList<string> AccountIds, IReadOnlyList<ParticipantDto> Participants,
    IReadOnlyList<MessageDto> Messages, string StreamId, IReadOnlyList<AccountMatchDto> Accounts)
{
    public static EmailThreadDetails From(EmailThreadView view)
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

        return new(
            view.Id, view.Subject, view.StartedAt, [.. view.Accounts.Select(a => a.AccountId)], participants,
            [.. view.Messages.Select(m => new MessageDto(
                m.MessageKey, m.From is null ? null : ParticipantDto.From(m.From), [.. m.To.Select(ParticipantDto.From)],
                [.. m.Cc.Select(ParticipantDto.From)], m.SentAt, m.Snippet, m.BodyText, m.BodyTruncated))],
            view.Id, AccountMatchDto.From(view.Accounts));
    }
}

/// <summary>
/// <c>GET /api/appointments/{appointmentId}</c>: <c>start</c>/<c>end</c> are UTC instants, or dates
/// when the appointment is all-day.
/// </summary>
internal sealed record AppointmentDetails(
    string AppointmentId, string Title, string? Start, string? End, bool IsAllDay, string? Location, ParticipantDto? Organizer,
    IReadOnlyList<AttendeeDto> Attendees, string? Description, AppointmentStatus Status, IReadOnlyList<string> AccountIds, string StreamId,
    IReadOnlyList<AccountMatchDto> Accounts, bool DescriptionTruncated)
{
    public static AppointmentDetails From(AppointmentView view) => new(
        view.Id, view.Title, Text(view.Start), Text(view.End), view.IsAllDay, view.Location,
        view.Organizer is null ? null : ParticipantDto.From(view.Organizer),
        [.. view.Attendees.Select(a => new AttendeeDto(string.IsNullOrWhiteSpace(a.Name) ? null : a.Name, EmailAddressRule.Normalize(a.Address), a.Response))],
        view.Description, view.Status, [.. view.Accounts.Select(a => a.AccountId)], view.Id, AccountMatchDto.From(view.Accounts),
        view.DescriptionTruncated);

    private static string? Text(When when) =>
        when.Instant is { } instant ? IsoText.Instant(instant.ToUniversalTime()) : when.Date is { } date ? IsoText.Date(date) : null;
}

namespace NavusoftSync.Synchronization.Recording;

/// <summary>
/// Maps a message key (Message-ID), a referenced Message-ID or a provider thread key to the thread
/// stream that holds it (per tenant), so replies and copies in other mailboxes join one thread.
/// </summary>
internal sealed record ThreadIndexEntry(string Id, string ThreadKey);

/// <summary>A message of one link's mailbox, by the provider's id, so a removal finds its thread.</summary>
/// <param name="Id">"{linkId}|{providerId}".</param>
internal sealed record MailboxMessageEntry(string Id, string ThreadKey, string MessageKey)
{
    public static string KeyOf(string linkId, string providerId) => $"{linkId}|{providerId}";
}

/// <summary>An occurrence of one link's calendar, by the provider's id, so a removal finds its appointment.</summary>
/// <param name="Id">"{linkId}|{providerId}".</param>
internal sealed record CalendarOccurrenceEntry(string Id, string AppointmentKey)
{
    public static string KeyOf(string linkId, string providerId) => $"{linkId}|{providerId}";
}

/// <summary>
/// An address taking part in a recorded thread or appointment (any of from, sender, to, cc, bcc,
/// organizer, attendees), so a contact address that appears on or leaves an account finds the
/// items it concerns. Written when the item's participants are first recorded or change.
/// </summary>
/// <param name="Id">"{streamKey}|{address}".</param>
/// <param name="Kind">Whether <paramref name="StreamKey"/> is a thread or an appointment stream.</param>
internal sealed record ParticipantEntry(string Id, string Address, string StreamKey, ParticipantKind Kind)
{
    public static ParticipantEntry For(ParticipantKind kind, string streamKey, string address) => new($"{streamKey}|{address}", address, streamKey, kind);
}

/// <summary>The kind of stream a <see cref="ParticipantEntry"/> points at; stored as its name (<c>"Thread"</c>), read case-insensitively.</summary>
internal enum ParticipantKind
{
    Thread,
    Appointment,
}

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
internal sealed record CalendarEntry(string Id, string AppointmentKey)
{
    public static string KeyOf(string linkId, string providerId) => $"{linkId}|{providerId}";
}

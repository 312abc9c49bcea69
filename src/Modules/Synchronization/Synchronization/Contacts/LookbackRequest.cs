namespace NavusoftSync.Synchronization.Contacts;

/// <summary>
/// An address that became a contact after the link's mailbox was first read: the link's next run
/// looks back through the mail window and its calendar window for it, then
/// deletes the request in the same transaction as what it recorded. Keyed "{linkId}|{address}", so
/// the same address asked twice is one request. <c>AppearedSequence</c> is the sequence of the
/// contact event in the event store: a run skips (and deletes) the request when the link's mailbox
/// or calendar was read in full after that event was committed, since that read matched the address
/// already (a link established while a large import's contact events are still being delivered
/// would otherwise search its mailbox once per imported address).
/// </summary>
internal sealed record LookbackRequest(string Id, string LinkId, string Address, DateTimeOffset RequestedAt, long? AppearedSequence = null)
{
    public static LookbackRequest For(string linkId, string address, DateTimeOffset at, long appearedSequence) =>
        new($"{linkId}|{address}", linkId, address, at, appearedSequence);
}

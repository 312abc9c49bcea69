namespace NavusoftSync.Synchronization.Contacts;

/// <summary>
/// An address that became a contact after the link's mailbox was first read: the link's next run
/// looks back through the mail window and its calendar window for it (issue 5, item 11), then
/// deletes the request in the same transaction as what it recorded. Keyed "{linkId}|{address}", so
/// the same address asked twice is one request.
/// </summary>
internal sealed record LookbackRequest(string Id, string LinkId, string Address, DateTimeOffset RequestedAt)
{
    public static LookbackRequest For(string linkId, string address, DateTimeOffset at) => new($"{linkId}|{address}", linkId, address, at);
}

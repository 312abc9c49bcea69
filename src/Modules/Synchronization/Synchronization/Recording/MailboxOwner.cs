using NavusoftSync.Synchronization.Providers;

namespace NavusoftSync.Synchronization.Recording;

/// <summary>The linked mailbox a page was read from.</summary>
internal sealed record MailboxOwner(string LinkId, string UserId, string Provider, string Address)
{
    /// <summary>This mailbox as the decisions name the one holding a copy.</summary>
    public HoldingMailbox Holding => new(UserId, LinkId, Address);
}

namespace NavusoftSync.Synchronization.Recording;

/// <summary>The linked mailbox a page was read from.</summary>
internal sealed record MailboxOwner(string LinkId, string UserId, string Provider, string Address);

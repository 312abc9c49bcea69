namespace NavusoftSync.Synchronization.Providers;

/// <summary>The linked mailbox (or calendar) a copy of an item was read from, and so holds it: whose it is, through which link, at which address.</summary>
internal sealed record HoldingMailbox(string UserId, string LinkId, string Address);

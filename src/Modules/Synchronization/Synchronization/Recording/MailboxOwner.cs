namespace NavusoftSync.Synchronization.Recording;

/// <summary>The linked mailbox a page was read from.</summary>
internal sealed record MailboxOwner(string LinkId, string UserId, string Provider, string Address);

/// <summary>A message (or occurrence) that matched at least one account contact.</summary>
internal sealed record Matched<TItem>(TItem Item, Matching.ContactMatches Matches);

using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Recording;

namespace NavusoftSync.Synchronization.Runs.Rounds;

/// <summary>The mailbox a run reads: whose it is, how to reach it, and the provider's reader.</summary>
internal sealed record RunMailbox(MailboxOwner Owner, MailboxAccess Access, IProviderReader Reader);

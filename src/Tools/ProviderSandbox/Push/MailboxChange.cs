using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Push;

/// <summary>One mutation of a mailbox: its snapshot before and after. Items stamped with a version above <see cref="Before"/>'s changed.</summary>
internal sealed record MailboxChange(MailboxData Before, MailboxData After)
{
    public string Email => After.Identity.Email;
}

/// <summary>Something that turns mailbox changes into notifications: Graph subscriptions, Gmail watches, Calendar channels.</summary>
internal interface IPushSource
{
    /// <summary>Whether anything of this mailbox may want notifications (cheap: called under the mailbox lock).</summary>
    bool Watches(string email);

    IEnumerable<OutboundNotification> Notifications(MailboxChange change);
}

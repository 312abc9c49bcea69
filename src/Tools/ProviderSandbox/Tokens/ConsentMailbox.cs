using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Tokens;

/// <summary>Picks the mailbox that "signs in" on an authorize request, creating it when the options allow.</summary>
internal static class ConsentMailbox
{
    public static Mailbox? Resolve(SandboxState state, SandboxOptions options, SandboxProvider provider, string? loginHint)
    {
        var mailbox = state.ResolveConsent(provider, loginHint);
        if (mailbox is not null || !options.AutoCreateMailboxes || string.IsNullOrWhiteSpace(loginHint) || state.Find(loginHint) is not null)
        {
            return mailbox;
        }

        try
        {
            return state.Add(MailboxIdentity.From(new ScenarioMailbox { Email = loginHint, Provider = provider }));
        }
        catch (SandboxRequestException)
        {
            return state.ResolveConsent(provider, loginHint);
        }
    }
}

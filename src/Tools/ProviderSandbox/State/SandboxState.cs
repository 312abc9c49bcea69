using System.Collections.Concurrent;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Push;

namespace NavusoftSync.Tools.ProviderSandbox.State;

/// <summary>Every mailbox of the sandbox, by e-mail address (case-insensitive), plus who consents when no login_hint names a user.</summary>
internal sealed class SandboxState(MailboxChangeFeed changes)
{
    private readonly ConcurrentDictionary<string, Mailbox> _mailboxes = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<SandboxProvider, string> _consentDefaults = new();

    public IReadOnlyList<Mailbox> All => [.. _mailboxes.Values.OrderBy(m => m.Email, StringComparer.OrdinalIgnoreCase)];

    public Mailbox? Find(string? email) =>
        email is not null && _mailboxes.TryGetValue(email.Trim(), out var mailbox) ? mailbox : null;

    public Mailbox Get(string email) =>
        Find(email) ?? throw SandboxRequestException.NotFound($"There is no sandbox mailbox '{email}'.");

    public Mailbox Add(MailboxIdentity identity)
    {
        var mailbox = new Mailbox(identity, changes.Publish);
        return _mailboxes.TryAdd(identity.Email, mailbox)
            ? mailbox
            : throw SandboxRequestException.Conflict($"The sandbox mailbox '{identity.Email}' already exists.");
    }

    public bool Remove(string email) => _mailboxes.TryRemove(email.Trim(), out _);

    public void Clear()
    {
        _mailboxes.Clear();
        _consentDefaults.Clear();
    }

    public void SetConsentDefault(SandboxProvider provider, string email) => _consentDefaults[provider] = Get(email).Email;

    /// <summary>The mailbox an authorize request signs in: the login_hint's, else the provider default, else the provider's only mailbox.</summary>
    public Mailbox? ResolveConsent(SandboxProvider provider, string? loginHint)
    {
        if (!string.IsNullOrWhiteSpace(loginHint))
        {
            var hinted = Find(loginHint);
            return hinted?.Identity.Provider == provider ? hinted : null;
        }

        if (_consentDefaults.TryGetValue(provider, out var email) && Find(email) is { } preferred)
        {
            return preferred;
        }

        var candidates = _mailboxes.Values.Where(m => m.Identity.Provider == provider).Take(2).ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }
}

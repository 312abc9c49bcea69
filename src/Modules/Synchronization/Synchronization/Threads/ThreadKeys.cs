using System.Security.Cryptography;
using System.Text;

namespace NavusoftSync.Synchronization.Threads;

/// <summary>
/// Stable keys for email threads and messages across mailboxes and providers. The same RFC 5322
/// Message-ID (case of the local part kept, brackets and whitespace dropped, domain lower-cased) is
/// the same message, whoever's mailbox it was read from.
/// </summary>
internal static class ThreadKeys
{
    /// <summary>"&lt;AbC@Mail.Example.com&gt;" → "AbC@mail.example.com"; null for blanks.</summary>
    public static string? NormalizeMessageId(string? messageId)
    {
        if (string.IsNullOrWhiteSpace(messageId))
        {
            return null;
        }

        var id = messageId.Trim().Trim('<', '>').Trim();
        var at = id.LastIndexOf('@');
        return id.Length == 0 ? null : at < 0 ? id : string.Concat(id.AsSpan(0, at + 1), id[(at + 1)..].ToLowerInvariant());
    }

    /// <summary>The message's key: its Message-ID, else its provider id (scoped by provider and mailbox).</summary>
    public static string MessageKey(string? internetMessageId, string provider, string mailbox, string providerId) =>
        NormalizeMessageId(internetMessageId) is { } id ? $"mid:{id}" : $"pid:{provider}:{mailbox.ToLowerInvariant()}:{providerId}";

    /// <summary>The key under which a provider's own thread id (Graph conversationId, Gmail threadId) is remembered.</summary>
    public static string ProviderThreadKey(string provider, string mailbox, string providerThreadId) =>
        $"pt:{provider}:{mailbox.ToLowerInvariant()}:{providerThreadId}";

    /// <summary>A new thread's stream key, derived from its root message key so concurrent writers agree.</summary>
    public static string NewThreadKey(string rootMessageKey) => $"thread-{Hash(rootMessageKey)}";

    internal static string Hash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..24];
}

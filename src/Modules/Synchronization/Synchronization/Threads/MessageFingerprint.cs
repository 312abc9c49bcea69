using NavusoftSync.BuildingBlocks.Email;
using System.Globalization;
using System.Text;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Threads;

/// <summary>
/// What makes two copies of a Message-ID the same message: the sender's address, the second it was sent and the subject
/// (<see cref="Head"/>), and the body's words (<see cref="Body"/>: letters and digits only, case-folded, so Graph's text
/// rendering and Gmail's text part of one message agree). A body that could not be read (null) agrees with any body. A
/// copy with a known Message-ID that does not agree is a different message (a forgery reusing the ID, or a broken
/// sender): it is recorded beside the first under a <see cref="VariantKey"/>, never over it.
/// </summary>
internal sealed record MessageFingerprint(string Head, string? Body)
{
    public static MessageFingerprint Of(Participant? from, DateTimeOffset sentAt, string subject, string? bodyText)
    {
        var head = new StringBuilder()
            .Append(from is null ? string.Empty : EmailAddressRule.Normalize(from.Address)).Append('\n')
            .Append(sentAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)).Append('\n')
            .AppendJoin(' ', subject.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (bodyText is null)
        {
            return new MessageFingerprint(ThreadKeys.Hash(head.ToString()), null);
        }

        var words = new StringBuilder(bodyText.Length);
        foreach (var c in bodyText)
        {
            if (char.IsLetterOrDigit(c))
            {
                words.Append(char.ToLowerInvariant(c));
            }
        }

        return new MessageFingerprint(ThreadKeys.Hash(head.ToString()), ThreadKeys.Hash(words.ToString()));
    }

    public bool Agrees(MessageFingerprint other) => Head == other.Head && (Body is null || other.Body is null || Body == other.Body);

    /// <summary>The key of a different message that reuses <paramref name="messageKey"/>'s Message-ID.</summary>
    public string VariantKey(string messageKey) => $"{messageKey}~{ThreadKeys.Hash($"{Head}|{Body}")[..16]}";

    public static bool IsVariantOf(string key, string messageKey) =>
        key.Length == messageKey.Length + 17 && key.StartsWith(messageKey, StringComparison.Ordinal) && key[messageKey.Length] == '~';
}

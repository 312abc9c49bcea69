using NavusoftSync.Synchronization.Providers;

namespace NavusoftSync.Synchronization.Threads;

/// <summary>
/// One copy of a message as a mailbox holds it: the key its Message-ID (or provider id) gives, the listed message, and
/// its body as read (<c>BodyTruncated</c> when the reader already cut it), and whether it is bulk mail
/// (<see cref="Privacy.BulkMail"/>: its headers, or a no-reply sender).
/// </summary>
internal sealed record MessageCopy(string MessageKey, MailItem Message, string? BodyText, bool BodyTruncated = false, bool Bulk = false);

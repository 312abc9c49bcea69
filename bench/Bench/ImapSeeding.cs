using System.Diagnostics;
using MailKit;
using MailKit.Net.Imap;
using MimeKit;

namespace NavusoftSync.Bench;

/// <summary>
/// Fills a Dovecot mailbox fast, two ways (the bench prints the rate of the one used):
/// <list type="bullet">
/// <item><c>append</c>: MULTIAPPEND over one IMAP connection (MailKit's list append, <see cref="BatchSize"/> messages per
/// command), with each message's date as its INTERNALDATE. Works against any server.</item>
/// <item><c>maildir</c>: message files written straight into the user's Maildir (<c>cur/</c>, seen) once Dovecot has made
/// it and before anything reads it, dated by the file time; Dovecot assigns their UIDs when it next lists the folder.</item>
/// </list>
/// </summary>
internal static class ImapSeeding
{
    public const int BatchSize = 500;

    public static async Task<(int Count, TimeSpan Took)> AppendAsync(ImapClient client, IEnumerable<(MimeMessage Message, DateTimeOffset Date)> messages, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var inbox = client.Inbox;
        var count = 0;
        foreach (var batch in messages.Chunk(BatchSize))
        {
            var requests = batch.Select(m => (IAppendRequest)new AppendRequest(m.Message, MessageFlags.Seen) { InternalDate = m.Date }).ToList();
            await inbox.AppendAsync(requests, cancellationToken);
            count += batch.Length;
        }

        return (count, watch.Elapsed);
    }

    public static async Task<(int Count, TimeSpan Took)> WriteMaildirAsync(string maildir, IEnumerable<(MimeMessage Message, DateTimeOffset Date)> messages, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        foreach (var folder in new[] { "cur", "new", "tmp" })
        {
            Directory.CreateDirectory(Path.Combine(maildir, folder));
        }

        var count = 0;
        var stamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        foreach (var (message, date) in messages)
        {
            var path = Path.Combine(maildir, "cur", $"{stamp}.M{count}P{Environment.ProcessId}.bench:2,S");
            await using (var file = File.Create(path))
            {
                await message.WriteToAsync(FormatOptions.Default, file, cancellationToken);
            }

            File.SetLastWriteTimeUtc(path, date.UtcDateTime);
            count++;
        }

        return (count, watch.Elapsed);
    }
}

using MimeKit;

namespace NavusoftSync.Bench;

/// <summary>
/// The IMAP benchmark's mailbox, generated deterministically: threads of 1–4 messages (replies carry In-Reply-To and
/// References), about <c>contactShare</c> of the threads with a contact of the seeded accounts as the counterpart
/// (<see cref="SyncData.ContactAddress"/>), the rest with strangers; every message dated inside the first sync's
/// 14-day window, newest last.
/// </summary>
internal sealed class ImapBenchData(string owner, int accounts, double contactShare, DateTimeOffset now)
{
    private readonly Random _random = new(18);
    private int _threads;

    public int ContactMessages { get; private set; }

    public IEnumerable<(MimeMessage Message, DateTimeOffset Date)> Messages(int count, TimeSpan ago)
    {
        var made = 0;
        while (made < count)
        {
            var size = Math.Min(_random.Next(1, 5), count - made);
            var contact = _random.NextDouble() < contactShare;
            var counterpart = contact
                ? SyncData.ContactAddress(_random.Next(accounts), _random.Next(5))
                : $"stranger{_random.Next(20_000)}@elsewhere{_random.Next(300)}.example";
            var thread = _threads++;
            string? first = null;
            for (var i = 0; i < size; i++, made++)
            {
                var date = now - ago + TimeSpan.FromSeconds((double)made / count * ago.TotalSeconds);
                var message = Message(thread, i, counterpart, first, date);
                first ??= message.MessageId;
                ContactMessages += contact ? 1 : 0;
                yield return (message, date);
            }
        }
    }

    private MimeMessage Message(int thread, int index, string counterpart, string? first, DateTimeOffset date)
    {
        var inbound = index % 2 == 0;
        var message = new MimeMessage
        {
            MessageId = $"bench-{thread}-{index}@{(inbound ? "elsewhere.example" : "hauler.example")}",
            Subject = index == 0 ? $"Load {thread}: pickup and delivery" : $"Re: Load {thread}: pickup and delivery",
            Date = date,
        };
        message.From.Add(MailboxAddress.Parse(inbound ? counterpart : owner));
        message.To.Add(MailboxAddress.Parse(inbound ? owner : counterpart));
        if (first is not null)
        {
            message.InReplyTo = first;
            message.References.Add(first);
        }

        message.Body = new TextPart("plain") { Text = $"Pickup at dock {thread % 40}, {date:yyyy-MM-dd HH:mm}. Reference {thread}/{index}.\r\n" };
        return message;
    }
}

using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Bench;

/// <summary>
/// The sync benchmark's data, generated deterministically: accounts with contacts, one mailbox of
/// threads of 1–5 messages (about <c>ContactShare</c> of the threads, hence of the messages, with a
/// contact as the counterpart, the rest with strangers), calendar events of which the same share has
/// a contact attendee, and the incremental batch (replies to existing threads and new threads).
/// Every message lies inside the first sync's 14-day window, every event inside the calendar window.
/// </summary>
internal sealed class SyncData
{
    private const int ContactsPerAccount = 5;
    private const int Strangers = 20_000;
    private readonly Random _random = new(42);
    private readonly List<(string Key, string Subject, string Counterpart, DateTimeOffset Last)> _threads = [];
    private int _threadCount;

    public SyncData(string owner, int accounts, double contactShare, DateTimeOffset now)
    {
        Owner = owner;
        Accounts = accounts;
        ContactShare = contactShare;
        Now = now;
    }

    public string Owner { get; }

    public int Accounts { get; }

    public double ContactShare { get; }

    public DateTimeOffset Now { get; }

    public int ContactMessages { get; private set; }

    public static string ContactAddress(int account, int contact) => $"contact{contact}.a{account}@customer{account % 500}.example";

    public static object Account(int account) => new
    {
        name = $"Customer {account}",
        contacts = Enumerable.Range(0, ContactsPerAccount)
            .Select(c => new { contactId = $"c{c}", name = $"Contact {c} of {account}", email = ContactAddress(account, c) })
            .ToArray(),
    };

    /// <summary>The first sync's messages: threads of 1–5 messages until <paramref name="count"/>, oldest thread first.</summary>
    public List<ScenarioMessage> Messages(int count)
    {
        var messages = new List<ScenarioMessage>(count);
        while (messages.Count < count)
        {
            var size = Math.Min(_random.Next(1, 6), count - messages.Count);
            var (counterpart, isContact) = Counterpart();
            var key = $"t{_threadCount++}";
            var subject = $"Topic {key}: {Words(4)}";
            var at = Now.AddDays(-13).AddMinutes(_random.Next(0, 10 * 24 * 60));
            for (var i = 0; i < size; i++)
            {
                messages.Add(Message(key, i == 0 ? subject : "Re: " + subject, counterpart, fromOwner: i % 2 == 1, at));
                ContactMessages += isContact ? 1 : 0;
                at = at.AddMinutes(_random.Next(10, 600));
            }

            _threads.Add((key, subject, counterpart, at));
        }

        return messages;
    }

    /// <summary>The incremental batch, sent in the last 30 minutes: half replies to existing threads, half new single-message threads.</summary>
    public List<ScenarioMessage> NewMessages(int count)
    {
        var messages = new List<ScenarioMessage>(count);
        for (var n = 0; n < count; n++)
        {
            var at = Now.AddMinutes(-30).AddSeconds(n * 1_500.0 / Math.Max(1, count));
            if (n % 2 == 0 && _threads.Count > 0)
            {
                var (key, subject, counterpart, _) = _threads[_random.Next(_threads.Count)];
                messages.Add(Message(key, "Re: " + subject, counterpart, fromOwner: _random.Next(2) == 0, at));
                ContactMessages += counterpart.Contains("@customer", StringComparison.Ordinal) ? 1 : 0;
            }
            else
            {
                var (counterpart, isContact) = Counterpart();
                var key = $"t{_threadCount++}";
                var subject = $"Topic {key}: {Words(4)}";
                messages.Add(Message(key, subject, counterpart, fromOwner: false, at));
                ContactMessages += isContact ? 1 : 0;
                _threads.Add((key, subject, counterpart, at));
            }
        }

        return messages;
    }

    /// <summary>Single meetings spread over the calendar window (−13 to +179 days), 30–90 minutes each.</summary>
    public List<ScenarioEvent> Events(int count)
    {
        var events = new List<ScenarioEvent>(count);
        for (var n = 0; n < count; n++)
        {
            var (counterpart, _) = Counterpart();
            var start = Now.Date.AddDays(_random.Next(-13, 180)).AddMinutes(_random.Next(7 * 4, 18 * 4) * 15);
            events.Add(new ScenarioEvent
            {
                Subject = $"Meeting {n}: {Words(3)}",
                Body = Words(40),
                Location = "Teams",
                Start = new DateTimeOffset(start, TimeSpan.Zero),
                End = new DateTimeOffset(start.AddMinutes(_random.Next(2, 7) * 15), TimeSpan.Zero),
                TimeZone = "UTC",
                Attendees =
                [
                    new ScenarioAttendee { Address = counterpart, Response = AttendeeResponse.Accepted },
                    new ScenarioAttendee { Address = Stranger(), Type = AttendeeType.Optional },
                ],
            });
        }

        return events;
    }

    private ScenarioMessage Message(string thread, string subject, string counterpart, bool fromOwner, DateTimeOffset at) => new()
    {
        Thread = thread,
        Subject = subject,
        From = fromOwner ? Owner : counterpart,
        To = [fromOwner ? counterpart : Owner],
        Cc = _random.Next(3) == 0 ? [Stranger()] : [],
        Body = Words(_random.Next(40, 120)),
        SentAt = at,
    };

    private (string Address, bool IsContact) Counterpart() =>
        _random.NextDouble() < ContactShare
            ? (ContactAddress(_random.Next(Accounts), _random.Next(ContactsPerAccount)), true)
            : (Stranger(), false);

    private string Stranger()
    {
        var n = _random.Next(Strangers);
        return $"person{n}@elsewhere{n % 300}.example";
    }

    private static readonly string[] Vocabulary =
        ["invoice", "renewal", "delivery", "contract", "meeting", "quote", "schedule", "project", "update", "question",
         "order", "price", "support", "report", "review", "plan", "budget", "team", "site", "visit"];

    private string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => Vocabulary[_random.Next(Vocabulary.Length)]));
}

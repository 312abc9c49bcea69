using System.Globalization;
using System.Text.RegularExpressions;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.State.Messages;

namespace NavusoftSync.Tools.ProviderSandbox.Google.Gmail;

/// <summary>
/// The subset of Gmail search (<c>q</c>) the sandbox understands: <c>after:</c>/<c>before:</c> (epoch seconds, or a
/// <c>yyyy/mm/dd</c> date read as midnight Pacific time, as Gmail does), <c>newer_than:</c>/<c>older_than:</c> (d, m, y),
/// <c>in:</c>, <c>label:</c>, <c>is:unread|read</c>, <c>from:</c>, <c>to:</c>, <c>cc:</c>, <c>bcc:</c> (address substrings, as fuzzy as Gmail's; <c>from:</c> reads the From header only), <c>subject:</c>, <c>rfc822msgid:</c>,
/// a leading <c>-</c> to negate, free words matched against subject, body and addresses, <c>OR</c> between terms, and
/// groups: <c>( … )</c> (all of) and <c>{ … }</c> (any of), e.g. <c>after:1700000000 (from:x OR to:x OR cc:x)</c> or <c>after:1700000000 {from:x to:x cc:x bcc:x}</c>.
/// </summary>
internal static partial class GmailQuery
{
    private static readonly TimeZoneInfo Pacific = TimeZones.FindOrUtc("America/Los_Angeles");

    public static Func<StoredMessage, bool> Parse(string? q, DateTimeOffset now)
    {
        var tokens = new Queue<Match>(Terms().Matches(q ?? string.Empty));
        var all = Sequence(tokens, now, closer: null, any: false);
        return message => all(message);
    }

    /// <summary>Terms up to <paramref name="closer"/> (or the end), ANDed — or ORed inside <c>{ }</c>.</summary>
    private static Func<StoredMessage, bool> Sequence(Queue<Match> tokens, DateTimeOffset now, string? closer, bool any)
    {
        var parts = new List<Func<StoredMessage, bool>>();
        while (tokens.TryPeek(out var next) && !(next.Groups["close"].Success && next.Value == closer))
        {
            if (next.Groups["close"].Success)
            {
                tokens.Dequeue();
                continue;
            }

            parts.Add(Either(tokens, now));
        }

        if (closer is not null && tokens.TryPeek(out var end) && end.Value == closer)
        {
            tokens.Dequeue();
        }

        return any ? m => parts.Exists(p => p(m)) : m => parts.TrueForAll(p => p(m));
    }

    private static Func<StoredMessage, bool> Either(Queue<Match> tokens, DateTimeOffset now)
    {
        var left = Unary(tokens, now);
        while (tokens.TryPeek(out var next) && next.Value == "OR" && tokens.Count > 1)
        {
            tokens.Dequeue();
            var (a, b) = (left, Unary(tokens, now));
            left = m => a(m) || b(m);
        }

        return left;
    }

    private static Func<StoredMessage, bool> Unary(Queue<Match> tokens, DateTimeOffset now)
    {
        var token = tokens.Dequeue();
        var negate = token.Groups["neg"].Success;
        Func<StoredMessage, bool> predicate = token.Groups["open"].Success
            ? Sequence(tokens, now, token.Groups["open"].Value == "(" ? ")" : "}", any: token.Groups["open"].Value == "{")
            : Term(token.Groups["op"].Success ? token.Groups["op"].Value.ToLowerInvariant() : null, token.Groups["value"].Value.Trim('"'), now);
        return negate ? m => !predicate(m) : predicate;
    }

    private static Func<StoredMessage, bool> Term(string? op, string value, DateTimeOffset now) => op switch
    {
        "after" => m => m.ReceivedAt >= Instant(value),
        "before" => m => m.ReceivedAt < Instant(value),
        "newer_than" => m => m.ReceivedAt >= now - Age(value),
        "older_than" => m => m.ReceivedAt < now - Age(value),
        "in" or "label" => Label(value),
        "is" => value.Equals("unread", StringComparison.OrdinalIgnoreCase) ? HasLabel("UNREAD")
            : value.Equals("read", StringComparison.OrdinalIgnoreCase) ? m => !HasLabel("UNREAD")(m)
            : HasLabel(value),
        "from" => m => m.From.Address.Contains(value, StringComparison.OrdinalIgnoreCase) || (m.From.Name?.Contains(value, StringComparison.OrdinalIgnoreCase) ?? false),
        "to" => m => m.To.Any(a => a.Address.Contains(value, StringComparison.OrdinalIgnoreCase)),
        "cc" => m => m.Cc.Any(a => a.Address.Contains(value, StringComparison.OrdinalIgnoreCase)),
        "bcc" => m => m.Bcc.Any(a => a.Address.Contains(value, StringComparison.OrdinalIgnoreCase)),
        "subject" => m => m.Subject.Contains(value, StringComparison.OrdinalIgnoreCase),
        "rfc822msgid" => m => m.InternetMessageId.Trim('<', '>').Equals(value.Trim('<', '>'), StringComparison.OrdinalIgnoreCase),
        _ => m => m.Subject.Contains(value, StringComparison.OrdinalIgnoreCase) || m.BodyText.Contains(value, StringComparison.OrdinalIgnoreCase)
            || m.From.Address.Contains(value, StringComparison.OrdinalIgnoreCase) || m.To.Any(a => a.Address.Contains(value, StringComparison.OrdinalIgnoreCase)),
    };

    private static Func<StoredMessage, bool> Label(string value) => value.ToLowerInvariant() switch
    {
        "anywhere" => _ => true,
        "inbox" => HasLabel("INBOX"),
        "sent" => HasLabel("SENT"),
        "draft" or "drafts" => HasLabel("DRAFT"),
        _ => HasLabel(value),
    };

    private static Func<StoredMessage, bool> HasLabel(string label) =>
        m => m.LabelIds.Contains(label, StringComparer.OrdinalIgnoreCase);

    private static DateTimeOffset Instant(string value)
    {
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        string[] formats = ["yyyy/M/d", "yyyy-M-d", "M/d/yyyy"];
        return DateTime.TryParseExact(value, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? TimeZones.FromLocal(date.Date, Pacific)
            : DateTimeOffset.MaxValue;
    }

    private static TimeSpan Age(string value)
    {
        if (value.Length < 2 || !int.TryParse(value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return TimeSpan.Zero;
        }

        return char.ToLowerInvariant(value[^1]) switch
        {
            'd' => TimeSpan.FromDays(amount),
            'm' => TimeSpan.FromDays(amount * 30),
            'y' => TimeSpan.FromDays(amount * 365),
            _ => TimeSpan.Zero,
        };
    }

    [GeneratedRegex(@"(?<neg>-)?(?<open>[({])|(?<close>[)}])|(?<neg>-)?(?:(?<op>[a-z_0-9]+):)?(?<value>""[^""]*""|[^\s(){}]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Terms();
}

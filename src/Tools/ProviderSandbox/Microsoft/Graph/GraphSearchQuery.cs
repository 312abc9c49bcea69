using System.Globalization;
using System.Text.RegularExpressions;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.State.Messages;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph;

/// <summary>
/// The subset of KQL that Graph's <c>$search</c> on messages accepts and the sandbox understands: <c>participants:</c> (from, to,
/// cc, bcc), <c>from:</c>, <c>to:</c>, <c>cc:</c>, <c>subject:</c>, <c>received</c> compared with <c>&gt;=</c>, <c>&gt;</c>,
/// <c>&lt;=</c>, <c>&lt;</c> to a date or instant, and free words (subject or body); terms next to each other or joined by
/// <c>AND</c> must all hold, <c>OR</c> between them any (AND binds tighter), and parentheses group, e.g.
/// <c>(participants:a OR participants:b) AND received&gt;=2026-11-01</c>. The whole value may be wrapped in double quotes, as
/// Graph requires. Anything else (an unknown property, an unbalanced parenthesis) answers null: a 400.
/// </summary>
internal static partial class GraphSearchQuery
{
    public static Func<StoredMessage, bool>? Parse(string search)
    {
        var text = search.Trim();
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            text = text[1..^1];
        }

        var tokens = new Queue<Match>(Terms().Matches(text));
        var expression = AnyOf(tokens);
        return expression is null || tokens.Count > 0 ? null : expression;
    }

    /// <summary>Conjunctions joined by <c>OR</c>.</summary>
    private static Func<StoredMessage, bool>? AnyOf(Queue<Match> tokens)
    {
        var parts = new List<Func<StoredMessage, bool>>();
        while (true)
        {
            if (AllOf(tokens) is not { } part)
            {
                return null;
            }

            parts.Add(part);
            if (!tokens.TryPeek(out var next) || next.Value != "OR")
            {
                break;
            }

            tokens.Dequeue();
        }

        return parts.Count == 1 ? parts[0] : m => parts.Exists(p => p(m));
    }

    /// <summary>Terms and groups side by side or joined by <c>AND</c>, up to an <c>OR</c>, a closing parenthesis or the end.</summary>
    private static Func<StoredMessage, bool>? AllOf(Queue<Match> tokens)
    {
        var parts = new List<Func<StoredMessage, bool>>();
        while (tokens.TryPeek(out var next) && next.Value != "OR" && !next.Groups["close"].Success)
        {
            tokens.Dequeue();
            if (next.Value == "AND")
            {
                continue;
            }

            Func<StoredMessage, bool>? part;
            if (next.Groups["open"].Success)
            {
                part = AnyOf(tokens);
                if (!tokens.TryDequeue(out var close) || !close.Groups["close"].Success)
                {
                    return null;
                }
            }
            else
            {
                part = Term(next);
            }

            if (part is null)
            {
                return null;
            }

            parts.Add(part);
        }

        return parts.Count == 0 ? null : m => parts.TrueForAll(p => p(m));
    }

    private static Func<StoredMessage, bool>? Term(Match term)
    {
        var value = term.Groups["value"].Value.Trim('"');
        if (term.Groups["cmp"].Success)
        {
            if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            {
                return null;
            }

            return term.Groups["cmp"].Value switch
            {
                ">=" => m => m.ReceivedAt >= instant,
                ">" => m => m.ReceivedAt > instant,
                "<=" => m => m.ReceivedAt <= instant,
                _ => m => m.ReceivedAt < instant,
            };
        }

        var op = term.Groups["op"].Success ? term.Groups["op"].Value.ToLowerInvariant() : null;
        return op switch
        {
            "participants" => m => Contains([m.From, .. m.To, .. m.Cc, .. m.Bcc], value),
            "from" => m => Contains([m.From], value),
            "to" => m => Contains(m.To, value),
            "cc" => m => Contains(m.Cc, value),
            "subject" => m => m.Subject.Contains(value, StringComparison.OrdinalIgnoreCase),
            null => m => m.Subject.Contains(value, StringComparison.OrdinalIgnoreCase) || m.BodyText.Contains(value, StringComparison.OrdinalIgnoreCase),
            _ => null,
        };
    }

    private static bool Contains(IEnumerable<SandboxAddress> addresses, string value) =>
        addresses.Any(a => a.Address.Contains(value, StringComparison.OrdinalIgnoreCase) || (a.Name?.Contains(value, StringComparison.OrdinalIgnoreCase) ?? false));

    [GeneratedRegex(@"(?<open>\()|(?<close>\))|received(?<cmp>>=|<=|>|<)(?<value>""[^""]*""|[^\s()]+)|(?:(?<op>[a-z]+):)?(?<value>""[^""]*""|[^\s()]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Terms();
}

using System.Globalization;
using System.Text.RegularExpressions;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.State.Messages;

namespace NavusoftSync.Tools.ProviderSandbox.Microsoft.Graph;

/// <summary>
/// The subset of KQL that Graph's <c>$search</c> on messages accepts and the sandbox understands: <c>participants:</c> (from, to,
/// cc, bcc), <c>from:</c>, <c>to:</c>, <c>cc:</c>, <c>subject:</c>, <c>received</c> compared with <c>&gt;=</c>, <c>&gt;</c>,
/// <c>&lt;=</c>, <c>&lt;</c> to a date or instant, and free words (subject or body); terms are ANDed (an explicit <c>AND</c> is
/// allowed). The whole value may be wrapped in double quotes, as Graph requires.
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

        var predicates = new List<Func<StoredMessage, bool>>();
        foreach (Match term in Terms().Matches(text))
        {
            if (term.Value.Equals("AND", StringComparison.Ordinal))
            {
                continue;
            }

            var predicate = Term(term);
            if (predicate is null)
            {
                return null;
            }

            predicates.Add(predicate);
        }

        return message => predicates.TrueForAll(p => p(message));
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

    [GeneratedRegex(@"received(?<cmp>>=|<=|>|<)(?<value>""[^""]*""|\S+)|(?:(?<op>[a-z]+):)?(?<value>""[^""]*""|\S+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Terms();
}

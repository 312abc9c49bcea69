using System.Net.Mail;
using System.Text;
using System.Text.RegularExpressions;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Providers.Google.Gmail;

/// <summary>An RFC 5322 address-list header (<c>"Name, Jr." &lt;a@x&gt;, b@y</c>) as participants; unreadable entries are dropped.</summary>
internal static partial class RfcAddresses
{
    public static IReadOnlyList<Participant> Parse(string? header)
    {
        var participants = new List<Participant>();
        foreach (var entry in Split(header ?? string.Empty))
        {
            if (MailAddress.TryCreate(entry, out var address))
            {
                participants.Add(new Participant(string.IsNullOrWhiteSpace(address.DisplayName) ? null : address.DisplayName, address.Address));
            }
            else if (Angle().Match(entry) is { Success: true } angle && angle.Groups[1].Value.Contains('@', StringComparison.Ordinal))
            {
                participants.Add(new Participant(null, angle.Groups[1].Value.Trim()));
            }
        }

        return participants;
    }

    /// <summary>The first readable address of a single-address header (From, Sender).</summary>
    public static Participant? ParseOne(string? header) => Parse(header) is { Count: > 0 } all ? all[0] : null;

    /// <summary>Splits at commas outside quotes, angle brackets and comments; drops group syntax (<c>undisclosed-recipients:;</c>).</summary>
    private static IEnumerable<string> Split(string header)
    {
        var current = new StringBuilder();
        var (quoted, angle, comment) = (false, false, 0);
        foreach (var c in header)
        {
            switch (c)
            {
                case '"' when comment == 0:
                    quoted = !quoted;
                    break;
                case '<' when !quoted:
                    angle = true;
                    break;
                case '>' when !quoted:
                    angle = false;
                    break;
                case '(' when !quoted:
                    comment++;
                    break;
                case ')' when !quoted && comment > 0:
                    comment--;
                    break;
                case ',' or ';' when !quoted && !angle && comment == 0:
                    yield return current.ToString().Trim();
                    current.Clear();
                    continue;
            }

            current.Append(c);
        }

        yield return current.ToString().Trim();
    }

    [GeneratedRegex("<([^<>]+)>")]
    private static partial Regex Angle();
}

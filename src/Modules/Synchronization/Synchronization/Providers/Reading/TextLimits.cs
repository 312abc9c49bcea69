using System.Text;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Providers.Reading;

/// <summary>Text that is cut, or was cut short, and says so.</summary>
internal sealed record BoundedText(string? Text, bool Truncated)
{
    public static readonly BoundedText None = new(null, false);
}

/// <summary>
/// The one home of the limits on text that goes into recorded events, used by every provider's
/// reader and again by the deciders (so nothing unbounded or unstorable reaches an event whatever
/// read it). Bodies and descriptions keep at most <see cref="MaxBodyBytes"/> of UTF-8; subjects,
/// titles and locations <see cref="MaxLineChars"/> characters; names and addresses less. Cuts fall
/// on a character boundary (a surrogate pair is never split). NUL and the other control characters
/// (PostgreSQL's jsonb refuses <c>\u0000</c>) and unpaired surrogates are dropped; one-line fields
/// also lose bidirectional overrides and zero-width characters, and their line breaks become spaces.
/// Every function is idempotent: bounding bounded text changes nothing.
/// </summary>
internal static class TextLimits
{
    public const int MaxBodyBytes = 256 * 1024;

    public const int MaxLineChars = 1_000;

    public const int MaxNameChars = 256;

    public const int MaxAddressChars = 320;

    /// <summary>The most HTML handed to the converter: enough for any readable body, small enough to convert at once.</summary>
    public const int MaxHtmlChars = 4 * 1024 * 1024;

    /// <summary>A body or description: cleaned and cut to <see cref="MaxBodyBytes"/>; <paramref name="alreadyCut"/> when the source was cut before.</summary>
    public static BoundedText Body(string? text, bool alreadyCut = false)
    {
        if (text is null)
        {
            return new BoundedText(null, alreadyCut);
        }

        var cut = Utf8Prefix(text, MaxBodyBytes);
        var clean = Clean(text.AsSpan(0, cut), line: false).Trim();
        return new BoundedText(clean.Length == 0 ? null : clean, alreadyCut || cut < text.Length);
    }

    /// <summary>A subject, title or location: one line of at most <see cref="MaxLineChars"/> characters.</summary>
    public static string Line(string? text) => Line(text, MaxLineChars);

    public static string? OptionalLine(string? text) => Line(text) is { Length: > 0 } line ? line : null;

    public static string? Name(string? text) => Line(text, MaxNameChars) is { Length: > 0 } name ? name : null;

    public static string Address(string text) => Line(text, MaxAddressChars);

    public static Participant Participant(Participant p) => new(Name(p.Name), Address(p.Address));

    /// <summary>Whether <see cref="Participant(Participant)"/> would change this name or address (most never do, and nothing is allocated for them).</summary>
    public static bool NeedsCleaning(string? name, string address) => Changes(name, MaxNameChars) || Changes(address, MaxAddressChars);

    private static bool Changes(string? text, int maxChars) =>
        !string.IsNullOrEmpty(text)
        && (text.Length > maxChars || char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || NeedsCleaning(text, line: true));

    public static Attendee Attendee(Attendee a) => new(Name(a.Name), Address(a.Address), Line(a.Response, 16));

    public static string Line(string? text, int maxChars)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // Cleaning first so a field full of dropped characters still keeps its readable part; the scan stops once enough is kept.
        var clean = Clean(text.AsSpan(0, Math.Min(text.Length, (maxChars * 4) + 16)), line: true).Trim();
        return clean.Length <= maxChars ? clean : clean[..CharPrefix(clean, maxChars)].TrimEnd();
    }

    /// <summary>How many chars of <paramref name="text"/> fit in <paramref name="maxBytes"/> of UTF-8, never ending inside a surrogate pair.</summary>
    public static int Utf8Prefix(string text, int maxBytes)
    {
        var bytes = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            int size;
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pair)
            {
                size = 4;
            }
            else
            {
                size = c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            }

            if (bytes + size > maxBytes)
            {
                return i;
            }

            bytes += size;
            if (pair)
            {
                i++;
            }
        }

        return text.Length;
    }

    /// <summary>At most <paramref name="maxChars"/> chars, one fewer when the last would split a surrogate pair.</summary>
    public static int CharPrefix(string text, int maxChars) =>
        text.Length <= maxChars ? text.Length : char.IsHighSurrogate(text[maxChars - 1]) ? maxChars - 1 : maxChars;

    private static string Clean(ReadOnlySpan<char> text, bool line)
    {
        if (!NeedsCleaning(text, line))
        {
            return text.ToString();
        }

        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    kept.Append(c).Append(text[++i]);
                }

                continue;
            }

            if (c is '\r')
            {
                if (i + 1 >= text.Length || text[i + 1] != '\n')
                {
                    kept.Append(line ? ' ' : '\n'); // a lone \r ends a line; \r\n is one line end
                }

                continue;
            }

            if (!Dropped(c, line))
            {
                kept.Append(line && c is '\n' or '\t' ? ' ' : c);
            }
        }

        return kept.ToString();
    }

    private static bool NeedsCleaning(ReadOnlySpan<char> text, bool line)
    {
        foreach (var c in text)
        {
            if (char.IsSurrogate(c) || c is '\r' || Dropped(c, line) || (line && c is '\n' or '\t'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Control characters but \n and \t; lone surrogates; for one-line fields also bidi controls and zero-width characters.</summary>
    private static bool Dropped(char c, bool line) =>
        c is < ' ' and not '\n' and not '\t' and not '\r'
        || c is >= '\u007f' and <= '\u009f'
        || c is '\ufffe' or '\uffff'
        || char.IsLowSurrogate(c)
        || (line && c is (>= '\u200b' and <= '\u200f') or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') or '\u061c' or '\ufeff');
}

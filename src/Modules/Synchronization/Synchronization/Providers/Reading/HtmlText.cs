namespace NavusoftSync.Synchronization.Providers.Reading;

/// <summary>
/// Plain text from HTML (Graph bodies, Gmail HTML parts, Google descriptions) by a single forward
/// scan: script, style, title, template and head content dropped, block elements and <c>&lt;br&gt;</c>
/// as line breaks, other tags stripped, entities decoded, whitespace collapsed as a browser does
/// (kept inside <c>&lt;pre&gt;</c>). No backtracking and no tree: every character is read a bounded
/// number of times, so any input, unclosed tags and 1 MB of nesting included, converts in linear
/// time and constant stack. The input is bounded before the scan (<see cref="TextLimits.MaxHtmlChars"/>)
/// and the scan stops once the text is longer than a body may be.
/// </summary>
internal static class HtmlText
{
    /// <summary>The text of <paramref name="html"/>, bounded as a body (cut when longer, and marked so).</summary>
    public static BoundedText ToText(string? html, bool alreadyCut = false)
    {
        if (html is null)
        {
            return new BoundedText(null, alreadyCut);
        }

        var scanner = new HtmlScanner(html, Math.Min(html.Length, TextLimits.MaxHtmlChars), TextLimits.MaxBodyBytes + 1);
        var text = scanner.Run();
        return TextLimits.Body(text, alreadyCut || scanner.StoppedEarly || html.Length > TextLimits.MaxHtmlChars);
    }

    /// <summary>The converted text, unbounded but for the input and output limits (tests and the work measure).</summary>
    internal static (string Text, long Steps) Scan(string html, int maxOutputChars = int.MaxValue)
    {
        var scanner = new HtmlScanner(html, html.Length, maxOutputChars);
        var text = scanner.Run();
        return (text, scanner.Steps);
    }

    /// <summary>Whether text with no declared type (a Google description) holds markup: a tag, comment or end tag.</summary>
    public static bool LooksLikeHtml(string text)
    {
        for (var i = text.IndexOf('<'); i >= 0 && i + 1 < text.Length; i = text.IndexOf('<', i + 1))
        {
            if (char.IsAsciiLetter(text[i + 1]) || text[i + 1] is '/' or '!')
            {
                return true;
            }
        }

        return false;
    }
}

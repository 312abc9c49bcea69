using System.Net;
using System.Text.RegularExpressions;

namespace NavusoftSync.Synchronization.Providers.Reading;

/// <summary>Plain text from an HTML body: scripts and styles dropped, block ends as line breaks, tags stripped, entities decoded.</summary>
internal static partial class HtmlText
{
    public static string ToPlain(string html)
    {
        var text = Invisible().Replace(html, string.Empty);
        text = LineBreaks().Replace(text, "\n");
        text = WebUtility.HtmlDecode(Tags().Replace(text, string.Empty));
        return BlankLines().Replace(text.Replace("\r\n", "\n", StringComparison.Ordinal), "\n\n").Trim();
    }

    [GeneratedRegex(@"<(script|style|head)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Invisible();

    [GeneratedRegex(@"<br\s*/?>|</(p|div|li|tr|h[1-6])\s*>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreaks();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\n[ \t]*\n(\s*\n)+")]
    private static partial Regex BlankLines();
}

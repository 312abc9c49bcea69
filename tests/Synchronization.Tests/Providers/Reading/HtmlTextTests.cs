using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Tests.Providers.Reading;

/// <summary>
/// HTML to text. The work is measured by the scanner's count of characters read (deterministic, no clock): for every
/// adversarial document it stays within a constant factor of the input's length, and four times the input is about
/// four times the work.
/// </summary>
public sealed class HtmlTextTests
{
    /// <summary>Characters read per character of input, at most (each is read by the scan and at most a few look-aheads).</summary>
    private const int StepsPerChar = 12;

    [Fact]
    public void Scripts_styles_and_head_are_dropped_blocks_and_breaks_are_lines_and_entities_decoded()
    {
        const string html = "<html><head><title>T</title><style>p{color:red}</style></head><body>"
            + "<p>Gate&nbsp;code: <b>4521</b></p><script>alert('x')</script><div>Tom &amp; Jerry&#39;s<br>yard</div>"
            + "<!-- hidden --><ul><li>one</li><li>two</li></ul></body></html>";

        Assert.Equal("Gate\u00a0code: 4521\nTom & Jerry's\nyard\none\ntwo", HtmlText.ToText(html).Text);
    }

    [Fact]
    public void An_unclosed_style_drops_the_rest_and_is_read_once()
    {
        var html = "<p>Before</p><style>" + string.Concat(Enumerable.Repeat("p { color: red } <p>x</p> ", 40_000));

        var (text, steps) = HtmlText.Scan(html);

        Assert.Equal("Before", text);
        Assert.InRange(steps, html.Length, (long)StepsPerChar * html.Length);
    }

    [Fact]
    public void A_megabyte_of_nested_tags_converts_in_one_pass_without_deep_recursion()
    {
        var html = string.Concat(Enumerable.Repeat("<div><span>", 100_000)) + "deep" + string.Concat(Enumerable.Repeat("</span></div>", 100_000));

        var (text, steps) = HtmlText.Scan(html);

        Assert.Equal("deep", text);
        Assert.InRange(steps, 1, (long)StepsPerChar * html.Length);
    }

    [Fact]
    public void Quotes_in_attribute_values_may_hold_a_closing_bracket_but_a_stray_quote_does_not_swallow_the_text()
    {
        Assert.Equal("ok", HtmlText.ToText("<a title=\"a > b\">ok</a>").Text);
        Assert.Equal("it's fine", HtmlText.ToText("<p class=x'y>it's fine</p>").Text);
    }

    [Fact]
    public void Five_MB_of_HTML_is_cut_to_a_bounded_body_and_marked()
    {
        var html = "<html><body>" + string.Concat(Enumerable.Repeat("<p>A paragraph of the long body.</p>", 5 * 1024 * 1024 / 36)) + "</body></html>";

        var bounded = HtmlText.ToText(html);

        Assert.True(bounded.Truncated);
        Assert.InRange(Encoding.UTF8.GetByteCount(bounded.Text!), 1, TextLimits.MaxBodyBytes);
        Assert.StartsWith("A paragraph of the long body.\n", bounded.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Agenda: a < b and c > d", false)]
    [InlineData("Line one\nLine two", false)]
    [InlineData("<p>Agenda</p>", true)]
    [InlineData("Agenda<br>next", true)]
    [InlineData("x</b>", true)]
    public void Markup_is_told_from_plain_text(string text, bool html) => Assert.Equal(html, HtmlText.LooksLikeHtml(text));

    private const string Secret = "SECRET-SCRIPT";

    private static readonly string[] Fragments =
    [
        "<", "<<", "<div>", "</div>", "<div", "<span class=\"", "\"", "'", "=", ">", "<!--", "-->", "<!", "<?", "<br>", "<br/>", "</",
        "<script>" + Secret, "</script>", "<style>" + Secret, "</style", "<head>", "<body>", "<pre>", "</pre>", "&", "&amp;", "&#",
        "&#x1F600;", "&nbsp", "text ", "\n", "\t", " ", "<p>", "</p>", "<a href='x>y'>", "<scrip", "</scr", "<title>", "<SCRIPT >",
    ];

    private static Gen<string> Documents() =>
        Gen.Elements(Fragments).ArrayOf().Select(parts => string.Concat(parts));

    [Property(MaxTest = 200)]
    public Property Four_times_the_input_is_at_most_about_four_times_the_work() =>
        Prop.ForAll(Documents().Where(d => d.Length > 0).ToArbitrary(), document =>
        {
            var once = Repeat(document, 200);
            var four = Repeat(document, 800);
            var (_, stepsOnce) = HtmlText.Scan(once);
            var (_, stepsFour) = HtmlText.Scan(four);

            return stepsFour <= (long)StepsPerChar * four.Length
                && stepsOnce <= (long)StepsPerChar * once.Length
                && stepsFour <= (4 * stepsOnce) + (StepsPerChar * document.Length * 2) + 64;
        });

    /// <summary>Whole pieces of markup (no fragment leaves the scan inside a tag, quote or comment), scripts and styles holding the secret.</summary>
    private static readonly string[] Pieces =
    [
        "<div>", "</div>", "<br>", "<p class=\"a > b\">", "</p>", "text ", "a < b ", "&amp;", "&#", "&#x1F600;", "<!-- c -->", "\n", "<pre> x </pre>",
        "<script>" + Secret + " <p> </script>", "<style>" + Secret + "</style>", "<SCRIPT type='x>y'>" + Secret + "</ScRiPt >",
        "<head><title>" + Secret + "</title>", "<style>" + Secret, "<script>" + Secret + "<!-- </script>",
    ];

    [Property(MaxTest = 300)]
    public Property Script_and_style_content_never_reaches_the_text() =>
        Prop.ForAll(Gen.Elements(Pieces).ArrayOf().Select(parts => string.Concat(parts)).ToArbitrary(), document =>
        {
            var text = HtmlText.ToText(document).Text ?? string.Empty;
            return !text.Contains(Secret, StringComparison.Ordinal) && !text.Contains("<p", StringComparison.Ordinal);
        });

    private static string Repeat(string document, int times) => new StringBuilder(document.Length * times).Insert(0, document, times).ToString();
}

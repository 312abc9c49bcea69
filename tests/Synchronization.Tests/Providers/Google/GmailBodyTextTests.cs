using System.Text;
using NavusoftSync.Synchronization.Providers.Google.Gmail;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Tests.Providers.Google;

public sealed class GmailBodyTextTests
{
    private static MessagePart Part(string mimeType, string text, string charset = "UTF-8") => new(
        "1", mimeType, null, [new MessagePartHeader("Content-Type", $"{mimeType}; charset=\"{charset}\"")],
        new MessagePartBody(null, text.Length, Convert.ToBase64String(Encoding.GetEncoding(charset).GetBytes(text)).Replace('+', '-').Replace('/', '_').TrimEnd('=')), null);

    private static MessagePart Multipart(params MessagePart[] parts) => new("0", "multipart/alternative", null, null, new MessagePartBody(null, 0, null), parts);

    [Fact]
    public void A_30_MB_text_part_is_decoded_only_as_far_as_a_body_is_kept_and_marked_cut()
    {
        var text = new StringBuilder("Quote follows.\n").Insert(15, "Line of the quote ✓ ", 30 * 1024 * 1024 / 22).ToString();

        var body = GmailBodyText.Of(Multipart(Part("text/plain", text)))!;

        Assert.True(body.Truncated);
        Assert.StartsWith("Quote follows.", body.Text, StringComparison.Ordinal);
        Assert.InRange(Encoding.UTF8.GetByteCount(body.Text!), TextLimits.MaxBodyBytes - 4, TextLimits.MaxBodyBytes);
    }

    [Fact]
    public void An_HTML_only_message_is_converted_with_its_script_dropped()
    {
        var body = GmailBodyText.Of(Multipart(Part("text/html", "<p>Gate code</p><script>steal()</script><style>b{}</style><div>4521</div>")))!;

        Assert.Equal("Gate code\n4521", body.Text);
        Assert.False(body.Truncated);
    }

    [Fact]
    public void An_unclosed_style_in_an_HTML_part_drops_what_follows()
    {
        var body = GmailBodyText.Of(Part("text/html", "<p>Hello</p><style>" + new string('x', 2_000_000)))!;

        Assert.Equal("Hello", body.Text);
    }

    [Fact]
    public void Deeply_nested_multiparts_find_their_text_part_without_recursion()
    {
        var part = Part("text/plain", "deep text");
        for (var i = 0; i < 100_000; i++)
        {
            part = Multipart(part);
        }

        Assert.Equal("deep text", GmailBodyText.Of(part)!.Text);
    }
}

using System.Text;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Tests.Providers.Reading;

public sealed class TextLimitsTests
{
    private const int Limit = TextLimits.MaxBodyBytes;

    [Fact]
    public void A_body_of_exactly_256_KiB_is_kept_whole()
    {
        var body = new string('a', Limit);

        var bounded = TextLimits.Body(body);

        Assert.Equal(body, bounded.Text);
        Assert.False(bounded.Truncated);
    }

    [Fact]
    public void One_byte_more_is_cut_to_256_KiB_and_marked()
    {
        var bounded = TextLimits.Body(new string('a', Limit + 1));

        Assert.Equal(Limit, Encoding.UTF8.GetByteCount(bounded.Text!));
        Assert.True(bounded.Truncated);
    }

    [Theory]
    [InlineData("é")] // two bytes
    [InlineData("€")] // three bytes
    [InlineData("😀")] // a surrogate pair, four bytes
    public void A_multi_byte_character_across_the_boundary_is_left_out_whole(string wide)
    {
        var body = new string('a', Limit - 1) + wide + "tail";

        var bounded = TextLimits.Body(body);

        Assert.Equal(new string('a', Limit - 1), bounded.Text);
        Assert.True(bounded.Truncated);
        Assert.Equal(bounded.Text, Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(bounded.Text!)));
    }

    [Fact]
    public void A_multi_byte_character_ending_exactly_at_the_boundary_is_kept()
    {
        var body = new string('a', Limit - 4) + "😀";

        var bounded = TextLimits.Body(body);

        Assert.Equal(body, bounded.Text);
        Assert.False(bounded.Truncated);
    }

    [Fact]
    public void A_30_MB_body_is_cut_to_256_KiB()
    {
        var body = string.Concat(Enumerable.Repeat("Line of a very long body ✓ ", 30 * 1024 * 1024 / 28));

        var bounded = TextLimits.Body(body);

        Assert.True(bounded.Truncated);
        Assert.InRange(Encoding.UTF8.GetByteCount(bounded.Text!), Limit - 4, Limit);
    }

    [Fact]
    public void A_10000_character_subject_keeps_1000_characters_and_never_splits_a_surrogate_pair()
    {
        Assert.Equal(1000, TextLimits.Line(new string('s', 10_000)).Length);

        var split = TextLimits.Line(new string('s', 999) + "😀" + new string('s', 9_000));
        Assert.Equal(new string('s', 999), split);
    }

    [Fact]
    public void NUL_and_control_characters_are_dropped_line_breaks_and_tabs_kept_in_bodies()
    {
        var bounded = TextLimits.Body("a\u0000b\u0007c\r\nd\te\u001bf\u0085g\rh");

        Assert.Equal("abc\nd\tefg\nh", bounded.Text);
    }

    [Fact]
    public void One_line_fields_also_lose_bidi_overrides_zero_width_characters_and_line_breaks()
    {
        Assert.Equal("Invoice fdp.exe paid now", TextLimits.Line("Invoice\u202E fdp.exe\u200B paid\r\nnow\u0000"));
        Assert.Equal("pat@customer.example", TextLimits.Address("pat@\u200Bcustomer.example\u0000"));
    }

    [Fact]
    public void Unpaired_surrogates_are_dropped_so_the_text_is_storable()
    {
        Assert.Equal("ab", TextLimits.Body("a\uD800b\uDC00").Text);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("a\u0000b\u202Ec 😀 \r\n d")]
    public void Bounding_twice_changes_nothing(string text)
    {
        var once = TextLimits.Body(text).Text;
        Assert.Equal(once, TextLimits.Body(once).Text);
        Assert.Equal(TextLimits.Line(text), TextLimits.Line(TextLimits.Line(text)));
    }
}

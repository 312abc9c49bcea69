using NavusoftSync.BuildingBlocks.Email;

namespace NavusoftSync.BuildingBlocks.Tests.Email;

public sealed class EmailAddressRuleTests
{
    private static readonly string Local64 = new('a', 64);

    /// <summary>254 characters: a 64-character local part and a 189-character domain.</summary>
    private static readonly string Longest = $"{Local64}@{new string('b', 58)}.{new string('c', 63)}.{new string('d', 62)}.com";

    /// <summary>255 characters, every part within its own limit.</summary>
    private static readonly string TooLong = $"{Local64}@{new string('b', 59)}.{new string('c', 63)}.{new string('d', 62)}.com";

    public static TheoryData<string, bool, string> Addresses => new()
    {
        { "bob@acme.com", true, "plain" },
        { "  Bob.Smith+crm@Acme.co.uk ", true, "surrounding whitespace is ignored; plus-addressing; upper case" },
        { "o'neil@acme.com", true, "apostrophe is atext" },
        { "a@b.co", true, "shortest practical" },
        { "bob@bücher.de", true, "IDN domain in Unicode" },
        { "bob@xn--bcher-kva.de", true, "IDN domain in its ASCII form" },
        { "josé@acme.com", true, "non-ASCII local part (RFC 6531)" },
        { "用户@例子.广告", true, "all-Unicode address" },
        { "bob@acme.c0m", true, "top-level label with a digit" },
        { "bob@123.com", true, "all-digit inner label" },
        { "x@" + new string('a', 63) + ".com", true, "63-character label" },
        { Local64 + "@acme.com", true, "64-character local part" },
        { Longest, true, "254 characters" },

        { "", false, "empty" },
        { "   ", false, "blank" },
        { "bob", false, "no @" },
        { "bob@", false, "no domain" },
        { "@acme.com", false, "no local part" },
        { "bob@acme", false, "no top-level domain" },
        { "bob@acme.", false, "empty top-level label" },
        { "bob@acme.com.", false, "trailing dot in the domain" },
        { "bob.@acme.com", false, "trailing dot in the local part" },
        { ".bob@acme.com", false, "leading dot in the local part" },
        { "bo..b@acme.com", false, "two dots in the local part" },
        { "bob@acme..com", false, "empty domain label" },
        { "\"bob\"@acme.com", false, "quoted local part" },
        { "\"bob smith\"@acme.com", false, "quoted local part with a space" },
        { "Bob <bob@acme.com>", false, "display name" },
        { "bob(c)@acme.com", false, "comment" },
        { "bob smith@acme.com", false, "space in the local part" },
        { "bob@ac me.com", false, "space in the domain" },
        { "bob\t@acme.com", false, "tab" },
        { "bo\u0001b@acme.com", false, "control character in the local part" },
        { "bob@acme\u0000.com", false, "NUL in the domain" },
        { "bob\u200B@acme.com", false, "zero-width space (format character)" },
        { "bob@acme@x.com", false, "two @" },
        { "bob@acme_hauling.com", false, "underscore in a host name" },
        { "bob@-acme.com", false, "label starting with a hyphen" },
        { "bob@acme-.com", false, "label ending with a hyphen" },
        { "bob@[192.0.2.1]", false, "address literal" },
        { "bob@192.0.2.1", false, "bare IP address" },
        { "x@" + new string('a', 64) + ".com", false, "64-character label" },
        { new string('a', 65) + "@acme.com", false, "65-character local part" },
        { TooLong, false, "255 characters" },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public void An_address_is_valid_or_not(string email, bool valid, string why) =>
        Assert.True(EmailAddressRule.IsValid(email) == valid, $"{why}: '{email}' should be {(valid ? "valid" : "invalid")}");

    [Fact]
    public void The_table_states_both_length_limits_exactly()
    {
        Assert.Equal(EmailAddressRule.MaxLength, Longest.Length);
        Assert.Equal(EmailAddressRule.MaxLength + 1, TooLong.Length);
        Assert.Equal(EmailAddressRule.MaxLocalPartLength, Local64.Length);
    }

    [Fact]
    public void Null_is_not_an_address() => Assert.False(EmailAddressRule.IsValid(null));

    [Theory]
    [InlineData("  Bob.Smith+CRM@Acme.CO.uk ", "bob.smith+crm@acme.co.uk")]
    [InlineData("BOB@BÜCHER.DE", "bob@bücher.de")]
    [InlineData("bob@acme.com", "bob@acme.com")]
    public void Addresses_compare_trimmed_and_lower_cased(string email, string normalized) =>
        Assert.Equal(normalized, EmailAddressRule.Normalize(email));
}

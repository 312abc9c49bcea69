using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Providers.Google.Gmail;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Tests.Providers.Google;

/// <summary>The RFC 5322 header parsing the Gmail reader relies on (metadata headers are raw header values).</summary>
public sealed class RfcHeaderTests
{
    [Theory]
    [InlineData("Fri, 20 Nov 2026 09:00:00 +0000", "2026-11-20T09:00:00+00:00")]
    [InlineData("Fri, 20 Nov 2026 10:30:05 +0130 (CET)", "2026-11-20T10:30:05+01:30")]
    [InlineData("20 Nov 2026 09:00 -0500", "2026-11-20T09:00:00-05:00")]
    [InlineData("Fri, 20 Nov 26 09:00:00 GMT", "2026-11-20T09:00:00+00:00")]
    [InlineData("Thu, 1 Jan 98 23:59:59 PST", "1998-01-01T23:59:59-08:00")]
    [InlineData("Fri,  6 November 2026 09:00:00 +0100", "2026-11-06T09:00:00+01:00")]
    public void Date_headers_in_current_and_obsolete_forms_are_read(string header, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), RfcDates.Parse(header));

    [Theory]
    [InlineData("not-a-date")]
    [InlineData("Fri, 31 Feb 2026 09:00:00 +0000")]
    [InlineData("Fri, 20 Foo 2026 09:00:00 +0000")]
    [InlineData("")]
    [InlineData(null)]
    public void Unreadable_dates_are_null(string? header) => Assert.Null(RfcDates.Parse(header));

    [Fact]
    public void Address_lists_keep_quoted_names_with_commas_and_drop_groups_and_junk()
    {
        var participants = RfcAddresses.Parse("\"Buyer, Dana\" <dana@northwind.example>, erin@contoso.com, undisclosed-recipients:;, Frank (sales) <frank@contoso.com>, nonsense");

        Assert.Equal(
            [new Participant("Buyer, Dana", "dana@northwind.example"), new Participant(null, "erin@contoso.com"), new Participant("Frank (sales)", "frank@contoso.com")],
            participants);
        Assert.Null(RfcAddresses.ParseOne(null));
        Assert.Equal("dana@northwind.example", RfcAddresses.ParseOne("Dana <dana@northwind.example>")!.Address);
    }
}

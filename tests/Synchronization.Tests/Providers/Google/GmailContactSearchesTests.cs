using NavusoftSync.Synchronization.Providers.Google.Gmail;

namespace NavusoftSync.Synchronization.Tests.Providers.Google;

/// <summary>The planned read's Gmail searches: only plain addresses, each in exactly one search, every search's query short enough.</summary>
public sealed class GmailContactSearchesTests
{
    private static readonly DateTimeOffset Since = new(2026, 11, 6, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("pat@customer.example")]
    [InlineData("Pat.Q+orders@Customer.example")]
    [InlineData("o_neil-smith@customer.example")]
    [InlineData("jürgen@beispiel.example")]
    [InlineData("OR@customer.example")]
    public void A_plain_address_is_searchable(string address) => Assert.True(GmailContactSearches.IsSearchable(address));

    [Theory]
    [InlineData("o'brien@customer.example")] // Gmail reads a quote as a phrase boundary
    [InlineData("a{b}@customer.example")] // braces: an any-of group
    [InlineData("a}b@customer.example")]
    [InlineData("a|b@customer.example")]
    [InlineData("a!b@customer.example")] // ! negates
    [InlineData("-lead@customer.example")] // a leading - negates
    [InlineData("a=b@customer.example")]
    [InlineData("a/b@customer.example")]
    [InlineData("a*b@customer.example")]
    [InlineData("a#b@customer.example")]
    [InlineData("a~b@customer.example")]
    [InlineData("a b@customer.example")]
    [InlineData("\"a\"@customer.example")]
    [InlineData("a(b)@customer.example")]
    [InlineData(" pat@customer.example")]
    [InlineData("not-an-address")]
    [InlineData("")]
    public void An_address_the_query_language_could_read_as_syntax_is_not_searchable(string address) =>
        Assert.False(GmailContactSearches.IsSearchable(address));

    [Fact]
    public void A_non_ascii_address_too_long_to_fit_one_search_is_not_searchable()
    {
        var address = new string('ü', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('ä', 20), 3)) + ".example";

        Assert.True(NavusoftSync.BuildingBlocks.Email.EmailAddressRule.IsValid(address));
        Assert.False(GmailContactSearches.IsSearchable(address));
    }

    [Fact]
    public void An_address_of_two_thousand_characters_is_not_searchable_and_goes_into_no_search()
    {
        var address = new string('a', 2_000 - "@customer.example".Length) + "@customer.example";

        Assert.Equal(2_000, address.Length);
        Assert.False(GmailContactSearches.IsSearchable(address));
        Assert.False(GmailContactSearches.AllSearchable(["pat@customer.example", address]));
        Assert.Throws<ArgumentException>(() => GmailContactSearches.Queries(Since, ["pat@customer.example", address]));
    }

    [Theory]
    [InlineData("pat@customer@example.com")]
    [InlineData("@customer.example")]
    [InlineData("pat@customer.example ")]
    [InlineData("pat@customer.example\n")]
    [InlineData("pat\t@customer.example")]
    public void An_address_without_one_local_part_and_one_domain_or_with_whitespace_is_not_searchable(string address) =>
        Assert.False(GmailContactSearches.IsSearchable(address));

    [Fact]
    public void One_search_per_group_of_addresses_each_address_in_exactly_one_and_every_query_within_the_limit()
    {
        var addresses = Enumerable.Range(0, 500).Select(i => $"contact.number{i:D4}@customer-{i % 7}.example").ToList();

        var queries = GmailContactSearches.Queries(Since, [.. addresses, .. addresses.Take(50).Select(a => a.ToUpperInvariant())]);

        Assert.InRange(queries.Count, 2, 500 / 10);
        Assert.All(queries, q => Assert.InRange(Uri.EscapeDataString(q).Length, 1, GmailContactSearches.MaxEncodedQuery));
        Assert.All(queries, q => Assert.StartsWith($"after:{Since.ToUnixTimeSeconds()} {{from:", q, StringComparison.Ordinal));
        Assert.All(queries, q => Assert.EndsWith("}", q, StringComparison.Ordinal));
        var searched = queries.SelectMany(q => q.Split(' ').Where(t => t.StartsWith("bcc:", StringComparison.Ordinal)).Select(t => t[4..].TrimEnd('}'))).ToList();
        Assert.Equal(addresses.Order(StringComparer.Ordinal), searched);
    }

    [Fact]
    public void Each_address_is_searched_as_sender_and_every_kind_of_recipient()
    {
        var queries = GmailContactSearches.Queries(Since, ["Pat@Customer.example"]);

        Assert.Equal([$"after:{Since.ToUnixTimeSeconds()} {{from:pat@customer.example to:pat@customer.example cc:pat@customer.example bcc:pat@customer.example}}"], queries);
    }

    [Fact]
    public void No_address_no_search() => Assert.Empty(GmailContactSearches.Queries(Since, []));

    [Fact]
    public void An_unsearchable_address_is_refused_rather_than_spliced_into_a_query() =>
        Assert.Throws<ArgumentException>(() => GmailContactSearches.Queries(Since, ["pat@customer.example", "x}OR{in:anywhere@customer.example"]));
}

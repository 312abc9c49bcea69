using NavusoftSync.ContactDirectory.Accounts.Searching;

namespace NavusoftSync.ContactDirectory.Tests;

public sealed class AccountSearchPlanTests
{
    [Theory]
    [InlineData("  Greenfield   Apartments ", "greenfield apartments")]
    [InlineData("O'Brien \"Best\" Hauling, LLC.", "o brien best hauling llc")]
    [InlineData("100%_a\\b", "100 a b")]
    [InlineData("Café ZÜRICH 日本", "café zürich 日本")]
    [InlineData("gr\u0000een\u0001", "gr een")]
    [InlineData("%%% ___", "")]
    public void Words_are_lower_cased_letters_and_digits_broken_at_everything_else(string text, string words) =>
        Assert.Equal(words, AccountSearchText.Words(text));

    [Fact]
    public void Unpaired_surrogates_and_symbols_break_words() =>
        Assert.Equal("x y", AccountSearchText.Words("\ud800x😀y"));

    [Fact]
    public void Like_wildcards_and_the_escape_character_are_escaped() =>
        Assert.Equal(@"a\%b\_c\\d", AccountSearchText.EscapeLike(@"a%b_c\d"));

    [Fact]
    public void A_name_query_asks_for_every_word_as_a_word_prefix_and_typos_only_from_four_letters()
    {
        var plan = AccountSearchPlan.For(" Green  APA ");
        Assert.Equal(" green apa ", plan.Exact);
        Assert.Equal(" green apa%", plan.StartsWith);
        Assert.Equal(["green", "apa"], plan.WordList); // each one a prefix lexeme of the name's words
        Assert.True(plan.Fuzzy);
        Assert.Null(plan.EmailPrefix);
        Assert.False(AccountSearchPlan.For("gre").Fuzzy);
        Assert.False(AccountSearchPlan.For("a b c d").Fuzzy);
        Assert.False(AccountSearchPlan.For("maria.garcia@greenfield.com").Fuzzy); // an address is matched as one, not as a typo
        Assert.False(AccountSearchPlan.For("maria.garcia@greenfield.com").MatchesNames);
        Assert.True(AccountSearchPlan.For("greenfield.com").MatchesNames);
    }

    [Theory]
    [InlineData(" Maria@Green ", "maria@green")]
    [InlineData("@greenfield.com", "@greenfield.com")]
    [InlineData("greenfield.com", "@greenfield.com")]
    [InlineData("a_b@x%", "a_b@x%")]
    [InlineData("green field.com", null)]
    [InlineData("greenfield", null)]
    [InlineData(".com", null)]
    [InlineData("greenfield.", null)]
    [InlineData("a@b\u0000", null)]
    public void An_address_or_domain_query_asks_for_a_literal_address_token_prefix(string q, string? prefix) =>
        Assert.Equal(prefix, AccountSearchPlan.For(q).EmailPrefix);

    [Fact]
    public void A_name_is_stored_as_its_distinct_words_in_ordinal_order() =>
        Assert.Equal(["apartments", "green", "greenfield"], AccountSearchText.NameWords("Greenfield GREEN apartments, green!"));

    [Fact]
    public void A_cursor_round_trips_and_anything_else_is_refused()
    {
        var cursor = new AccountSearchCursor(AccountSearchRank.Similar, 0.33333334f, " greenfield apartments ", "ACC-1");
        Assert.True(AccountSearchCursor.TryDecode(cursor.Encode(), out var decoded));
        Assert.Equal(cursor, decoded);
        foreach (var bad in new[] { "", "***", "e30", "W10", "WzEsMCwieCJd", new string('A', 3000) })
        {
            Assert.False(AccountSearchCursor.TryDecode(bad, out var refused));
            Assert.Null(refused);
        }
    }
}

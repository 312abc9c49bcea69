using Npgsql;
using NavusoftSync.Synchronization.Runs;

namespace NavusoftSync.Synchronization.Tests.Runs;

/// <summary>What a person reads about a skipped item says what happened in words; the log line keeps the technical cause.</summary>
public sealed class RunSentencesTests
{
    [Fact]
    public void An_item_the_store_refused_is_told_as_a_sentence_and_logged_with_its_PostgreSQL_code()
    {
        var refused = new InvalidOperationException("wrapped", new PostgresException("invalid byte sequence", "ERROR", "ERROR", "22021"));

        Assert.Equal(RunSentences.NotStorable, ItemFailures.Sentence(refused));
        Assert.Equal("PostgreSQL 22021", ItemFailures.Detail(refused));
    }

    [Fact]
    public void An_item_that_failed_otherwise_is_told_as_a_sentence_and_logged_with_the_exceptions_type()
    {
        var failed = new ArgumentOutOfRangeException("start");

        Assert.Equal(RunSentences.NotRecorded, ItemFailures.Sentence(failed));
        Assert.Equal(nameof(ArgumentOutOfRangeException), ItemFailures.Detail(failed));
    }

    [Theory]
    [InlineData(RunSentences.Unexpected)]
    [InlineData(RunSentences.WriteRace)]
    [InlineData(RunSentences.Unreadable)]
    [InlineData(RunSentences.NotStorable)]
    [InlineData(RunSentences.NotRecorded)]
    public void No_sentence_names_an_exception_or_the_store(string sentence)
    {
        foreach (var jargon in new[] { "Exception", "PostgreSQL", "(", "null" })
        {
            Assert.DoesNotContain(jargon, sentence, StringComparison.Ordinal);
        }

        Assert.EndsWith(".", sentence, StringComparison.Ordinal);
    }
}

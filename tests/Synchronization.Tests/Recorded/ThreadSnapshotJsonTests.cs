using System.Text.Json;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Synchronization.Threads;

namespace NavusoftSync.Synchronization.Tests.Recorded;

/// <summary>
/// A thread snapshot's messages read in both stored shapes and are written in the slim one, with their bulk mark (absent
/// in snapshots written before it existed: not bulk).
/// </summary>
public sealed class ThreadSnapshotJsonTests
{
    private static readonly JsonSerializerOptions Marten = new(JsonSerializerDefaults.Web); // camelCase, as MartenSetup stores documents
    private static readonly DateTimeOffset Sent = new(2026, 11, 20, 15, 0, 0, TimeSpan.Zero);

    private static EmailThread Folded(string? body) => EmailThread.Fold(null, new ThreadMessageRecorded(
        "t", "mid:a@x", "Gate  code", new Participant("Pat", "Pat@Customer.example"), [], [], Sent, "snip", body, Sent))!;

    [Theory]
    [InlineData("The gate code is 4521.")]
    [InlineData(null)]
    public void A_message_stored_with_its_content_reads_with_the_fingerprint_its_event_folds_to(string? body)
    {
        var json = $$"""
            {"messageKey":"mid:a@x","subject":"Gate  code","from":{"name":"Pat","address":"Pat@Customer.example"},"to":[],"cc":[],
             "sentAt":"2026-11-20T15:00:00+00:00","snippet":"snip","bodyText":{{JsonSerializer.Serialize(body)}}}
            """;

        var message = JsonSerializer.Deserialize<ThreadMessage>(json, Marten)!;

        Assert.Equal(Folded(body).Messages.Single(), message);
    }

    [Fact]
    public void A_message_is_written_without_content_and_reads_back_the_same()
    {
        var message = Folded("The gate code is 4521.").Messages.Single();

        var json = JsonSerializer.Serialize(message, Marten);

        Assert.Equal(["messageKey", "sentAt", "fingerprint", "bulk"], JsonDocument.Parse(json).RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(message, JsonSerializer.Deserialize<ThreadMessage>(json, Marten));
    }

    [Fact]
    public void A_bulk_mark_is_written_and_read_back_and_a_slim_message_without_one_is_not_bulk()
    {
        var bulk = EmailThread.Fold(null, new ThreadMessageRecorded("t", "mid:b@x", "Offers", null, [], [], Sent, null, null, Sent, Bulk: true))!.Messages.Single();
        Assert.True(bulk.Bulk);
        Assert.Equal(bulk, JsonSerializer.Deserialize<ThreadMessage>(JsonSerializer.Serialize(bulk, Marten), Marten));

        var slim = Folded("The gate code is 4521.").Messages.Single();
        var withoutMark = JsonSerializer.Serialize(slim, Marten).Replace(",\"bulk\":false", string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("bulk", withoutMark, StringComparison.Ordinal);
        Assert.Equal(slim, JsonSerializer.Deserialize<ThreadMessage>(withoutMark, Marten));
    }
}

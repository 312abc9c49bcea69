using System.Text;
using NavusoftSync.Synchronization.Contracts.Recorded;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Recording;
using NavusoftSync.Synchronization.Runs;
using NavusoftSync.Synchronization.Runs.Listing;
using Weasel.Core;

namespace NavusoftSync.Synchronization.Tests.Runs;

/// <summary>One counts record from the recorders to the run's events, stored under the names the store has always held.</summary>
public sealed class SyncCountsTests
{
    /// <summary>The serializer as MartenSetup configures the store's: System.Text.Json, enums as strings, camelCase.</summary>
    private static readonly Marten.ISerializer Store = new Marten.Services.SystemTextJsonSerializer { EnumStorage = EnumStorage.AsString, Casing = Casing.CamelCase };

    [Fact]
    public void A_page_counts_its_items_matches_removals_skips_and_what_recording_did()
    {
        var page = new ProviderPage<MailItem>([Mail("a"), Mail("b"), Mail("c")], [new RemovedItem("gone")], [new MalformedItem("bad", "an unreadable item")], null);
        IReadOnlyList<MailItem> capped = [Mail("a") with { ParticipantsOmitted = 2 }, Mail("b"), Mail("c") with { ParticipantsOmitted = 1 }];
        var screened = (SyncCounts.Zero with { Matched = 2 }).Add(SyncCounts.FilteredBy("bulk", 1));

        var counts = SyncCounts.OfPage(page, capped, failed: 1, screened.Add(SyncCounts.Recorded(eventsAppended: 5, newItems: 1)));

        Assert.Equal(new SyncCounts(Scanned: 3, Matched: 2, New: 1, Removed: 1, Skipped: 2, EventsAppended: 5, ParticipantsOmitted: 3) { Filtered = Rules(("bulk", 1)) }, counts);
    }

    [Fact]
    public void Filtered_counts_add_rule_by_rule_and_take_part_in_equality()
    {
        var sum = SyncCounts.FilteredBy("blocklist", 2).Add(SyncCounts.FilteredBy("bulk", 1)).Add(SyncCounts.FilteredBy("blocklist", 3));

        Assert.Equal(Rules(("blocklist", 5), ("bulk", 1)), sum.Filtered);
        Assert.Equal(6, sum.FilteredCount);
        Assert.NotEqual(SyncCounts.Zero, sum);
        Assert.Equal(SyncCounts.Zero, SyncCounts.FilteredBy("bulk", 0));
    }

    [Fact]
    public void Filtered_counts_are_stored_by_rule_and_read_back()
    {
        var counts = new SyncCounts(4, 1, 1, 0, 0, 2) { Filtered = Rules(("blocklist", 2), ("internal", 1)) };

        var json = Store.ToJson(counts);

        Assert.Contains("\"filtered\":{\"blocklist\":2,\"internal\":1}", json, StringComparison.Ordinal);
        Assert.Equal(counts, Read<SyncCounts>(json));
    }

    [Fact]
    public void Counts_stored_with_filtered_null_read_as_none_filtered()
    {
        var counts = Read<SyncCounts>("""{"scanned":1,"matched":0,"recorded":0,"removed":0,"skipped":0,"eventsAppended":0,"filtered":null}""");

        Assert.Empty(counts.Filtered);
        Assert.Equal(SyncCounts.Zero with { Scanned = 1 }, counts);
    }

    [Fact]
    public void Counts_add_field_by_field()
    {
        var sum = new SyncCounts(1, 2, 3, 4, 5, 6, 7).Add(new SyncCounts(10, 20, 30, 40, 50, 60, 70));

        Assert.Equal(new SyncCounts(11, 22, 33, 44, 55, 66, 77), sum);
    }

    [Fact]
    public void New_items_are_stored_as_recorded()
    {
        var json = Store.ToJson(new SyncCounts(Scanned: 1, Matched: 2, New: 3, Removed: 4, Skipped: 5, EventsAppended: 6, ParticipantsOmitted: 7));

        Assert.Equal("""{"scanned":1,"matched":2,"recorded":3,"removed":4,"skipped":5,"eventsAppended":6,"participantsOmitted":7,"filtered":{}}""", json);
    }

    [Fact]
    public void A_completed_run_stored_before_the_rename_reads_the_same()
    {
        var completed = Read<SyncRunCompleted>(
            """{"linkId":"l","runId":"r","startedAt":"2026-11-20T15:00:00+00:00","finishedAt":"2026-11-20T15:01:00+00:00","mail":{"scanned":10,"matched":4,"recorded":3,"removed":1,"skipped":2,"eventsAppended":9,"participantsOmitted":5},"calendar":{"scanned":7,"matched":2,"recorded":1,"removed":0,"skipped":0,"eventsAppended":4},"mailFullResync":false,"calendarFullResync":true,"mailCursor":"m","calendarCursor":null,"skipped":[{"providerId":"p","reason":"why"}]}""");
        var failed = Read<SyncRunFailed>(
            """{"linkId":"l","runId":"r","startedAt":"2026-11-20T15:00:00+00:00","failedAt":"2026-11-20T15:01:00+00:00","reason":"down","mail":{"scanned":0,"matched":0,"recorded":0,"removed":0,"skipped":0,"eventsAppended":0},"calendar":{"scanned":0,"matched":0,"recorded":2,"removed":0,"skipped":0,"eventsAppended":0}}""");

        Assert.Equal(new SyncCounts(10, 4, 3, 1, 2, 9, 5), completed.Mail);
        Assert.Equal(new SyncCounts(7, 2, 1, 0, 0, 4, 0), completed.Calendar);
        Assert.Equal(2, failed.Calendar.New);
        Assert.Equal(2, completed.SkippedCount);
        Assert.Empty(completed.Mail.Filtered); // stored before the privacy rules: none filtered
        Assert.Empty(failed.Mail.Filtered);
    }

    [Fact]
    public void A_run_history_stored_before_the_rename_reads_the_same()
    {
        var history = Read<LinkRunHistory>(
            """{"id":"sync:l","runs":[{"runId":"r","trigger":"Manual","startedAt":"2026-11-20T15:00:00+00:00","finishedAt":"2026-11-20T15:01:00+00:00","outcome":"Completed","scanned":17,"matched":6,"recorded":4,"skipped":[],"skippedCount":0,"error":null}]}""");

        var run = Assert.Single(history.Runs);
        Assert.Equal(4, run.New);
        Assert.Contains("\"recorded\":4", Store.ToJson(history), StringComparison.Ordinal);
        Assert.Empty(LinkRunResponse.From(run).Filtered);
    }

    [Theory]
    [InlineData("thread", "Thread")]
    [InlineData("appointment", "Appointment")]
    public void Participant_entries_stored_with_lower_case_kinds_read_as_the_enum(string stored, string kind)
    {
        var entry = Read<ParticipantEntry>($$"""{"id":"s|a@x","address":"a@x","streamKey":"s","kind":"{{stored}}"}""");

        Assert.Equal(Enum.Parse<ParticipantKind>(kind), entry.Kind);
    }

    [Fact]
    public void A_run_answers_the_rules_that_filtered_mail_and_calendar_summed()
    {
        var mail = new SyncCounts(5, 1, 1, 0, 0, 2) { Filtered = Rules(("blocklist", 1), ("bulk", 2)) };
        var calendar = new SyncCounts(3, 0, 0, 0, 0, 0) { Filtered = Rules(("blocklist", 1), ("internal", 1)) };
        var now = DateTimeOffset.UnixEpoch;
        var history = new LinkRunHistory("sync:l", [])
            .Started(new SyncRunStarted("l", "r", now, SyncTrigger.Manual))
            .Completed(new SyncRunCompleted("l", "r", now, now.AddSeconds(1), mail, calendar, false, false, null, null, []));

        var answer = LinkRunResponse.From(Assert.Single(history.Runs));

        Assert.Equal(Rules(("blocklist", 2), ("bulk", 2), ("internal", 1)), answer.Filtered);
        Assert.Equal(1, answer.Matched);
        Assert.Equal(8, answer.Scanned);
    }

    private static Dictionary<string, int> Rules(params (string Rule, int Count)[] counts) => counts.ToDictionary(c => c.Rule, c => c.Count, StringComparer.Ordinal);

    private static T Read<T>(string json) => Store.FromJson<T>(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    private static MailItem Mail(string id) =>
        new(id, null, null, [], null, "s", new Participant("P", "p@x.example"), null, [], [], [], DateTimeOffset.UnixEpoch, null, "inbox");
}

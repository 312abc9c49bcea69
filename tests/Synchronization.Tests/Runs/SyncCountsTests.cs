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

        var counts = SyncCounts.OfPage(page, capped, matched: 2, failed: 1, SyncCounts.Recorded(eventsAppended: 5, newItems: 1));

        Assert.Equal(new SyncCounts(Scanned: 3, Matched: 2, New: 1, Removed: 1, Skipped: 2, EventsAppended: 5, ParticipantsOmitted: 3), counts);
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

        Assert.Equal("""{"scanned":1,"matched":2,"recorded":3,"removed":4,"skipped":5,"eventsAppended":6,"participantsOmitted":7}""", json);
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
    }

    [Fact]
    public void A_run_history_stored_before_the_rename_reads_the_same()
    {
        var history = Read<LinkRunHistory>(
            """{"id":"sync:l","runs":[{"runId":"r","trigger":"Manual","startedAt":"2026-11-20T15:00:00+00:00","finishedAt":"2026-11-20T15:01:00+00:00","outcome":"Completed","scanned":17,"matched":6,"recorded":4,"skipped":[],"skippedCount":0,"error":null}]}""");

        Assert.Equal(4, Assert.Single(history.Runs).New);
        Assert.Contains("\"recorded\":4", Store.ToJson(history), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("thread", "Thread")]
    [InlineData("appointment", "Appointment")]
    public void Participant_entries_stored_with_lower_case_kinds_read_as_the_enum(string stored, string kind)
    {
        var entry = Read<ParticipantEntry>($$"""{"id":"s|a@x","address":"a@x","streamKey":"s","kind":"{{stored}}"}""");

        Assert.Equal(Enum.Parse<ParticipantKind>(kind), entry.Kind);
    }

    private static T Read<T>(string json) => Store.FromJson<T>(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    private static MailItem Mail(string id) =>
        new(id, null, null, [], null, "s", new Participant("P", "p@x.example"), null, [], [], [], DateTimeOffset.UnixEpoch, null, "inbox");
}

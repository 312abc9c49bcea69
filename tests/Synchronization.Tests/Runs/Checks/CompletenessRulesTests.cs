using NavusoftSync.Synchronization.Runs;
using NavusoftSync.Synchronization.Runs.Checks;
using NavusoftSync.Synchronization.Runs.Checks.Health;

namespace NavusoftSync.Synchronization.Tests.Runs.Checks;

/// <summary>The completeness tally and the run watchdog's rules, Given/When/Then.</summary>
public sealed class CompletenessRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_item_found_twice_counts_once_and_only_missing_ones_are_to_record()
    {
        var tally = new CompletenessTally();

        var first = tally.Count(["a", "b", "c"], new HashSet<string> { "a" });
        var second = tally.Count(["b", "d", "a"], new HashSet<string> { "a", "b" });

        Assert.Equal(["b", "c"], first.Order());
        Assert.Equal(["d"], second);
        Assert.Equal(1, tally.Present);
        Assert.Equal(["b", "c", "d"], tally.Missing.Order());
    }

    [Fact]
    public void A_missing_item_recorded_is_repaired_a_skipped_one_still_expected_and_a_filtered_one_not_expected()
    {
        var tally = new CompletenessTally();
        tally.Count(["present", "repaired", "skipped", "filtered"], new HashSet<string> { "present" });

        var count = tally.Resolve(storedNow: new HashSet<string> { "repaired" }, skipped: new HashSet<string> { "skipped" });

        Assert.Equal(new CompletenessCount(Expected: 3, Present: 1, Repaired: 1), count);
    }

    [Theory]
    [InlineData(14, "Healthy")] // within the limit (15 min) and its grace
    [InlineData(17, "StaleRun")]
    public void A_run_shown_running_past_the_limit_and_its_grace_is_stale(int minutesRunning, string expected)
    {
        var health = Health(lastEndedAt: Now.AddHours(-10)).Started(new SyncRunStarted("link-1", "run-1", Now.AddMinutes(-minutesRunning)));

        Assert.Equal(expected, RunHealthRules.Assess(health, Now, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(5)).ToString());
    }

    [Theory]
    [InlineData(14, "Healthy")]
    [InlineData(16, "Overdue")]
    public void A_link_no_run_of_which_ended_for_three_intervals_is_overdue(int minutesSinceLastEnd, string expected) =>
        Assert.Equal(expected, RunHealthRules.Assess(Health(Now.AddMinutes(-minutesSinceLastEnd)), Now, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(5)).ToString());

    [Fact]
    public void A_failed_run_ends_the_running_one_and_counts_as_an_end_but_not_as_completed()
    {
        var health = Health(Now.AddHours(-1)).Started(new SyncRunStarted("link-1", "run-1", Now.AddMinutes(-2)));

        var failed = health.Failed(new SyncRunFailed("link-1", "run-1", Now.AddMinutes(-2), Now, "reason", SyncCounts.Zero, SyncCounts.Zero));

        Assert.Null(failed.RunningRunId);
        Assert.Equal(Now, failed.LastEndedAt);
        Assert.Null(failed.LastCompletedAt);
    }

    private static LinkRunHealth Health(DateTimeOffset lastEndedAt) => new("sync:link-1", "link-1", "tenant", null, null, lastEndedAt, null);
}

using NavusoftSync.Calendar.Viewing;
using NavusoftSync.Synchronization.Contracts.Privacy;

namespace NavusoftSync.Calendar.Tests;

public sealed class AnswerCacheTests
{
    private static AnswerKey Key(string tenant = "t1", string owner = "user:dana", string zone = "UTC", string caller = "") =>
        new(tenant, owner, caller, AnswerShape.Range, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), zone);

    [Fact]
    public void An_answer_is_found_only_under_its_own_key_and_stamp()
    {
        using var cache = new CalendarAnswerCache(1);
        cache.Keep(Key(), "s1", [1, 2, 3]);

        Assert.Equal([1, 2, 3], cache.Find(Key(), "s1"));
        Assert.Null(cache.Find(Key(), "s2"));
        Assert.Null(cache.Find(Key(tenant: "t2"), "s1"));
        Assert.Null(cache.Find(Key(owner: "account:dana"), "s1"));
        Assert.Null(cache.Find(Key(zone: "Europe/London"), "s1"));
        Assert.Null(cache.Find(Key(caller: "eli"), "s1"));
        Assert.Null(cache.Find(Key() with { Shape = AnswerShape.Day }, "s1"));

        cache.Keep(Key(), "s2", [4]);
        Assert.Null(cache.Find(Key(), "s1"));
        Assert.Equal([4], cache.Find(Key(), "s2"));
    }

    [Fact]
    public void The_cache_never_holds_more_than_its_size()
    {
        using var cache = new CalendarAnswerCache(1);
        for (var i = 0; i < 100; i++)
        {
            cache.Keep(Key(owner: $"user:{i}"), "s", new byte[64 * 1024]);
        }

        Assert.InRange(Enumerable.Range(0, 100).Count(i => cache.Find(Key(owner: $"user:{i}"), "s") is not null), 1, 15);
    }

    [Fact]
    public void A_zero_size_keeps_nothing()
    {
        using var cache = new CalendarAnswerCache(0);
        cache.Keep(Key(), "s1", [1]);
        Assert.Null(cache.Find(Key(), "s1"));
    }

    [Fact]
    public async Task Concurrent_misses_of_one_answer_share_one_computation()
    {
        using var cache = new CalendarAnswerCache(1);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var computations = 0;
        async Task<CalendarAnswer> Compute()
        {
            Interlocked.Increment(ref computations);
            await release.Task;
            return new CalendarAnswer([7], "\"s1\"");
        }

        var first = cache.ComputeOnceAsync(Key(), "s1", Compute, CancellationToken.None);
        var others = Enumerable.Range(0, 5).Select(_ => cache.ComputeOnceAsync(Key(), "s1", Compute, CancellationToken.None)).ToList();
        var otherStamp = cache.ComputeOnceAsync(Key(), "s2", Compute, CancellationToken.None);
        release.SetResult();

        Assert.All(await Task.WhenAll([first, .. others]), a => Assert.Equal([7], a.Json));
        await otherStamp;
        Assert.Equal(2, computations); // one per stamp
        Assert.Equal(5, cache.Shared);
    }

    [Fact]
    public async Task A_waiter_computes_for_itself_when_the_shared_computation_fails()
    {
        using var cache = new CalendarAnswerCache(1);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var failing = cache.ComputeOnceAsync(Key(), "s1", async () =>
        {
            await release.Task;
            throw new OperationCanceledException("the first request went away");
        }, CancellationToken.None);
        var waiting = cache.ComputeOnceAsync(Key(), "s1", () => Task.FromResult(new CalendarAnswer([9], null)), CancellationToken.None);
        release.SetResult();

        await Assert.ThrowsAsync<OperationCanceledException>(() => failing);
        Assert.Equal([9], (await waiting).Json);
        Assert.Equal(0, cache.Shared);
    }

    [Theory]
    [InlineData("*", true)]
    [InlineData("\"a\", *", true)]
    [InlineData("\"*\"", false)]
    [InlineData(null, false)]
    public void If_None_Match_star_is_told_apart_from_tags(string? header, bool isAny) => Assert.Equal(isAny, EntityTags.IsAny(header));

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("*", false)]
    [InlineData("\"other\"", false)]
    [InlineData("not a tag", false)]
    [InlineData("{0}", true)]
    [InlineData("W/{0}", true)]
    [InlineData("\"other\", {0}", true)]
    public void If_None_Match_compares_tags_weakly(string? header, bool matches)
    {
        var tag = EntityTags.For("0193", Key(zone: "America/Argentina/Buenos_Aires"));
        Assert.Equal("\"0193.r.20260301.20260331.America%2FArgentina%2FBuenos_Aires\"", tag);
        Assert.Equal(matches, EntityTags.AnyMatches(header is null ? null : string.Format(System.Globalization.CultureInfo.InvariantCulture, header, tag), tag));
    }

    [Fact]
    public void The_rules_fingerprint_changes_with_any_level_and_only_with_the_levels()
    {
        static VisibilityRules Rules(string version, string tenant, params (string User, string Level)[] users) =>
            new(version, tenant, users.ToDictionary(u => u.User, u => u.Level, StringComparer.Ordinal));

        var fingerprint = CalendarViewer.Fingerprint(Rules("1", "subject", ("dana", "metadata"), ("eli", "metadata")));
        Assert.Equal(fingerprint, CalendarViewer.Fingerprint(Rules("7", "subject", ("eli", "metadata"), ("dana", "metadata"))));
        string[] others =
        [
            CalendarViewer.Fingerprint(Rules("1", "full", ("dana", "metadata"), ("eli", "metadata"))),
            CalendarViewer.Fingerprint(Rules("1", "subject", ("dana", "metadata"))),
            CalendarViewer.Fingerprint(Rules("1", "subject", ("dana", "metadata"), ("eli", "subject"))),
            CalendarViewer.Fingerprint(Rules("1", "subject", ("dana", "metadata"), ("kim", "metadata"))),
        ];
        Assert.DoesNotContain(fingerprint, others);
        Assert.Equal(others.Length, others.Distinct().Count());
    }

    [Fact]
    public void An_account_answer_s_tag_names_its_caller_escaped_so_no_caller_id_can_break_or_borrow_a_tag()
    {
        var dana = EntityTags.For("s.f", Key(owner: "account:a", caller: "dana"));
        var quoted = EntityTags.For("s.f", Key(owner: "account:a", caller: "dana\", W/\"x"));
        Assert.Equal("\"s.f.r.20260301.20260331.UTC.dana\"", dana);
        Assert.Equal(2, quoted.Count(c => c == '"'));
        Assert.False(EntityTags.AnyMatches(quoted, dana));
        Assert.True(EntityTags.AnyMatches(quoted, quoted));
    }
}

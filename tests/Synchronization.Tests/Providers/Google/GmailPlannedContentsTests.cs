using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Providers.Google.Gmail;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Tests.Providers.Google;

/// <summary>
/// The bodies a planned read keeps for its run's body read: per run, taken once, and never more than
/// <see cref="GmailPlannedContents.MaxBytes"/> of body text however many or however large the bodies are.
/// </summary>
public sealed class GmailPlannedContentsTests
{
    /// <summary>The largest body text a reader keeps: <see cref="TextLimits.MaxBodyBytes"/> of UTF-8, one char a byte.</summary>
    private static readonly MessageContent Largest = MessageContent.Body(new string('x', TextLimits.MaxBodyBytes));

    private static MailboxAccess Access() =>
        new("link-" + Guid.NewGuid(), "google", "carl@gmail.example", _ => ValueTask.FromResult("token"), (_, _) => ValueTask.CompletedTask);

    [Fact]
    public void Bodies_past_the_cap_drop_the_oldest_and_keep_the_newest_within_it()
    {
        var access = Access();
        var ids = Enumerable.Range(0, 100).Select(i => $"m{i:D3}").ToList(); // 100 bodies of 256 KB: about 50 MB held as UTF-16

        foreach (var id in ids)
        {
            GmailPlannedContents.Keep(access, id, Largest);
        }

        var kept = GmailPlannedContents.Take(access, ids);
        Assert.InRange(kept.Count, 50, 99);
        Assert.Equal(ids[^kept.Count..], kept.Keys.Order(StringComparer.Ordinal)); // the newest, with no gap
        Assert.InRange(kept.Values.Sum(c => 2L * c.BodyText!.Length), 1, GmailPlannedContents.MaxBytes);
    }

    [Fact]
    public void A_body_larger_than_the_cap_is_not_kept_and_bodies_kept_after_it_are()
    {
        var access = Access();
        var huge = MessageContent.Body(new string('y', 30 * 1024 * 1024)); // 30 MB of text, 60 MB as UTF-16

        GmailPlannedContents.Keep(access, "huge", huge);
        GmailPlannedContents.Keep(access, "after", Largest);

        var kept = GmailPlannedContents.Take(access, ["huge", "after"]);
        Assert.Equal(["after"], kept.Keys);
    }

    [Fact]
    public void A_body_is_taken_once_and_only_by_the_run_that_kept_it()
    {
        var (access, other) = (Access(), Access());
        GmailPlannedContents.Keep(access, "m1", MessageContent.Body("Body of m1"));
        GmailPlannedContents.Keep(access, "m1", MessageContent.Body("A second read of m1"));

        Assert.Empty(GmailPlannedContents.Take(other, ["m1"]));
        Assert.Equal("Body of m1", Assert.Single(GmailPlannedContents.Take(access, ["m1", "m2"])).Value.BodyText);
        Assert.Empty(GmailPlannedContents.Take(access, ["m1"]));
    }
}

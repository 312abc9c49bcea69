using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Tests.Providers.Infrastructure;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Tests.Providers.Google;

/// <summary>The Google reader's mail rounds against the sandbox's Gmail v1 (profile, messages.list/get, history).</summary>
public sealed class GmailMailTests : ReaderTest
{
    private const string Carl = "carl.rivera@gmail.example";
    private const string Dana = "Dana Buyer <dana@northwind.example>";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = Carl,
            Provider = SandboxProvider.Google,
            Messages =
            [
                .. Enumerable.Range(1, 5).Select(i => Mail($"Question {i}", Dana, [Carl], Now.AddDays(-i)) with { Thread = "q" + i }),
                Mail("Last month", Dana, [Carl], Now.AddDays(-30)),
                .. Enumerable.Range(1, 3).Select(i => Mail($"Re: Question {i}", Carl, ["dana@northwind.example"], Now.AddHours(-3 * i)) with { Thread = "q" + i }),
                Mail("Unsent draft", Carl, ["dana@northwind.example"], Now.AddHours(-1)) with { IsDraft = true },
            ],
        }, Ct);
    }

    [Fact]
    public async Task A_first_round_takes_the_history_id_first_then_lists_the_window_in_pages_with_the_cursor_on_the_last_page_only()
    {
        var (access, _) = await LinkAsync(Carl, "google");
        var historyBefore = (await Sandbox.Control.GetMailboxAsync(Carl, Ct)).HistoryId;

        var pages = await Reader("google").ReadMailAsync(access, null, new MailWindow(Now.AddDays(-14)), Ct).ReadAllAsync();

        var items = pages.Items();
        Assert.Equal(
            ["Question 1", "Question 2", "Question 3", "Question 4", "Question 5", "Re: Question 1", "Re: Question 2", "Re: Question 3"],
            items.Select(i => i.Subject).Order(StringComparer.Ordinal));
        Assert.All(items.Where(i => i.Subject.StartsWith("Question", StringComparison.Ordinal)), i => Assert.Equal("inbox", i.Folder));
        Assert.All(items.Where(i => i.Subject.StartsWith("Re:", StringComparison.Ordinal)), i => Assert.Equal("sentitems", i.Folder));
        var question = items.Single(i => i.Subject == "Question 2");
        Assert.Equal(new Participant("Dana Buyer", "dana@northwind.example"), question.From);
        Assert.Equal(Carl, Assert.Single(question.To).Address);
        Assert.Equal(Now.AddDays(-2), question.SentAt);
        Assert.Equal("Body of Question 2", question.Snippet);
        var reply = items.Single(i => i.Subject == "Re: Question 2");
        Assert.Equal(question.ProviderThreadId, reply.ProviderThreadId);
        Assert.Equal(question.InternetMessageId, reply.InReplyTo);
        Assert.Equal([question.InternetMessageId!], reply.References);
        Assert.Equal(5, pages.Count);
        Assert.Equal(historyBefore, pages.FinalCursor());

        var gmail = await RequestsAsync(Carl, "/gmail/v1");
        Assert.EndsWith("/profile", gmail[0].Path, StringComparison.Ordinal);
        Assert.Contains("q=after:" + Now.AddDays(-14).ToUnixTimeSeconds(), Uri.UnescapeDataString(gmail[1].Query), StringComparison.Ordinal);
        var get = Uri.UnescapeDataString(gmail.First(g => g.Path.Contains("/messages/", StringComparison.Ordinal)).Query);
        Assert.Contains("format=metadata", get, StringComparison.Ordinal);
        Assert.All(
            ["From", "To", "Cc", "Bcc", "Sender", "Subject", "Date", "Message-ID", "References", "In-Reply-To"],
            h => Assert.Contains("metadataHeaders=" + h, get, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_incremental_round_reads_the_history_since_the_cursor_and_returns_only_the_changes()
    {
        var (access, _) = await LinkAsync(Carl, "google");
        var reader = Reader("google");
        var window = new MailWindow(Now.AddDays(-14));
        var cursor = (await reader.ReadMailAsync(access, null, window, Ct).ReadAllAsync()).FinalCursor();
        var snapshot = await Sandbox.Control.GetMailboxAsync(Carl, Ct);
        var deleted = snapshot.Messages.Single(m => m.Subject == "Question 3").Id;
        await Sandbox.Control.AddMessageAsync(Carl, Mail("Signed contract", Dana, [Carl], Now), Ct);
        await Sandbox.Control.AddMessageAsync(Carl, Mail("Thanks", Carl, ["dana@northwind.example"], Now), Ct);
        await Sandbox.Control.AddMessageAsync(Carl, Mail("Another draft", Carl, ["dana@northwind.example"], Now) with { IsDraft = true }, Ct);
        await Sandbox.Control.DeleteMessageAsync(Carl, deleted, ct: Ct);

        var changes = await reader.ReadMailAsync(access, cursor, window, Ct).ReadAllAsync();

        Assert.Equal(["Signed contract", "Thanks"], changes.Items().Select(i => i.Subject).Order(StringComparer.Ordinal));
        Assert.Equal("sentitems", changes.Items().Single(i => i.Subject == "Thanks").Folder);
        Assert.Equal([deleted], changes.RemovedIds());
        Assert.Equal((await Sandbox.Control.GetMailboxAsync(Carl, Ct)).HistoryId, changes.FinalCursor());
        var history = Uri.UnescapeDataString((await RequestsAsync(Carl, "/gmail/v1/users/me/history"))[0].Query);
        Assert.Contains($"startHistoryId={cursor}&historyTypes=messageAdded&historyTypes=messageDeleted", history, StringComparison.Ordinal);

        var nothing = await reader.ReadMailAsync(access, changes.FinalCursor(), window, Ct).ReadAllAsync();
        Assert.Empty(nothing.Items());
        Assert.Empty(nothing.RemovedIds());
    }

    [Fact]
    public async Task A_malformed_message_is_reported_with_its_id_and_the_rest_of_the_page_is_read()
    {
        var broken = await Sandbox.Control.AddMessageAsync(Carl, Mail("Broken dates", Dana, [Carl], Now.AddMinutes(-5)) with { InvalidDates = true }, Ct);
        var (access, _) = await LinkAsync(Carl, "google");
        Settings["Sync:PageSize"] = "50";

        var pages = await Reader("google").ReadMailAsync(access, null, new MailWindow(Now.AddDays(-14)), Ct).ReadAllAsync();

        var page = Assert.Single(pages);
        var malformed = Assert.Single(page.Malformed);
        Assert.Equal(broken.Id, malformed.ProviderId);
        Assert.Contains("Date", malformed.Reason, StringComparison.Ordinal);
        Assert.Equal(8, page.Items.Count);
    }

    [Fact]
    public async Task An_expired_or_unreadable_history_id_is_a_CursorExpiredException()
    {
        var (access, _) = await LinkAsync(Carl, "google");
        var reader = Reader("google");
        var window = new MailWindow(Now.AddDays(-14));
        var cursor = (await reader.ReadMailAsync(access, null, window, Ct).ReadAllAsync()).FinalCursor();
        await Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = Carl, Kind = FaultKind.CursorExpired, PathPrefix = "/gmail/v1" }, Ct);

        await Assert.ThrowsAsync<CursorExpiredException>(() => reader.ReadMailAsync(access, cursor, window, Ct).ReadAllAsync());
        await Assert.ThrowsAsync<CursorExpiredException>(() => reader.ReadMailAsync(access, "not-a-history-id", window, Ct).ReadAllAsync());
        Assert.Equal(8, (await reader.ReadMailAsync(access, null, window, Ct).ReadAllAsync()).Items().Count);
    }
}

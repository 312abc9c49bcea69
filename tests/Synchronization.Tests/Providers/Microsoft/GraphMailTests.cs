using System.Text.Json;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Tests.Providers.Infrastructure;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Tests.Providers.Microsoft;

/// <summary>The Graph reader's mail rounds against the sandbox's Graph v1.0 message delta.</summary>
public sealed class GraphMailTests : ReaderTest
{
    private const string Anna = "anna.keller@contoso.com";
    private const string Bob = "Bob Customer <bob@fabrikam.example>";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox
        {
            Email = Anna,
            Provider = SandboxProvider.Microsoft,
            Messages =
            [
                .. Enumerable.Range(1, 5).Select(i => Mail($"Question {i}", Bob, [Anna], Now.AddDays(-i))),
                Mail("Last month", Bob, [Anna], Now.AddDays(-30)),
                .. Enumerable.Range(1, 3).Select(i => Mail($"Answer {i}", Anna, ["bob@fabrikam.example"], Now.AddHours(-3 * i))),
                Mail("Unsent draft", Anna, ["bob@fabrikam.example"], Now.AddHours(-1)) with { IsDraft = true },
            ],
        }, Ct);
    }

    [Fact]
    public async Task A_first_round_reads_inbox_and_sent_items_of_the_window_in_pages_with_the_cursor_on_the_last_page_only()
    {
        var (access, _) = await LinkAsync(Anna, "microsoft");

        var pages = await Reader("microsoft").ReadMailAsync(access, null, new MailWindow(Now.AddDays(-14)), Ct).ReadAllAsync();

        var items = pages.Items();
        Assert.Equal(
            ["Answer 1", "Answer 2", "Answer 3", "Question 1", "Question 2", "Question 3", "Question 4", "Question 5"],
            items.Select(i => i.Subject).Order(StringComparer.Ordinal));
        Assert.All(items.Where(i => i.Subject.StartsWith("Question", StringComparison.Ordinal)), i => Assert.Equal("inbox", i.Folder));
        Assert.All(items.Where(i => i.Subject.StartsWith("Answer", StringComparison.Ordinal)), i => Assert.Equal("sentitems", i.Folder));
        var question = items.Single(i => i.Subject == "Question 2");
        Assert.Equal(new Participant("Bob Customer", "bob@fabrikam.example"), question.From);
        Assert.Equal(Anna, Assert.Single(question.To).Address);
        Assert.Equal(Now.AddDays(-2), question.SentAt);
        Assert.StartsWith("Body of Question 2", question.Snippet, StringComparison.Ordinal);
        Assert.Matches("^<.+>$", question.InternetMessageId);
        Assert.NotNull(question.ProviderThreadId);
        Assert.True(pages.Count >= 5, $"expected at least 5 pages of 2, got {pages.Count}");
        var cursor = JsonSerializer.Deserialize<Dictionary<string, string>>(pages.FinalCursor()!)!;
        Assert.Equal(["inbox", "sentitems"], cursor.Keys.Order(StringComparer.Ordinal));
        Assert.All(cursor.Values, link => Assert.Contains("$deltatoken=", link, StringComparison.Ordinal));

        var first = (await RequestsAsync(Anna, "/v1.0/me/mailFolders"))[0];
        var query = Uri.UnescapeDataString(first.Query);
        Assert.Contains("$select=id,conversationId,internetMessageId,subject,bodyPreview,from,sender,toRecipients", query, StringComparison.Ordinal);
        Assert.Contains("$filter=receivedDateTime ge 2026-11-06T09:00:00Z", query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_incremental_round_returns_only_what_changed_since_the_cursor()
    {
        var (access, _) = await LinkAsync(Anna, "microsoft");
        var reader = Reader("microsoft");
        var window = new MailWindow(Now.AddDays(-14));
        var cursor = (await reader.ReadMailAsync(access, null, window, Ct).ReadAllAsync()).FinalCursor();
        var snapshot = await Sandbox.Control.GetMailboxAsync(Anna, Ct);
        var purged = snapshot.Messages.Single(m => m.Subject == "Question 3").Id;
        var binned = snapshot.Messages.Single(m => m.Subject == "Answer 2").Id;
        await Sandbox.Control.AddMessageAsync(Anna, Mail("Signed contract", Bob, [Anna], Now), Ct);
        await Sandbox.Control.AddMessageAsync(Anna, Mail("Thanks", Anna, ["bob@fabrikam.example"], Now), Ct);
        await Sandbox.Control.DeleteMessageAsync(Anna, purged, ct: Ct);
        await Sandbox.Control.DeleteMessageAsync(Anna, binned, soft: true, ct: Ct);

        var changes = await reader.ReadMailAsync(access, cursor, window, Ct).ReadAllAsync();

        Assert.Equal(["Signed contract", "Thanks"], changes.Items().Select(i => i.Subject).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { binned, purged }.Order(StringComparer.Ordinal), changes.RemovedIds().Order(StringComparer.Ordinal));
        var next = changes.FinalCursor();
        Assert.NotNull(next);
        Assert.NotEqual(cursor, next);

        var nothing = await reader.ReadMailAsync(access, next, window, Ct).ReadAllAsync();
        Assert.Empty(nothing.Items());
        Assert.Empty(nothing.RemovedIds());
        Assert.NotNull(nothing.FinalCursor());
    }

    [Fact]
    public async Task A_malformed_message_is_reported_with_its_id_and_the_rest_of_the_page_is_read()
    {
        var broken = await Sandbox.Control.AddMessageAsync(Anna, Mail("Broken dates", Bob, [Anna], Now.AddMinutes(-5)) with { InvalidDates = true }, Ct);
        var (access, _) = await LinkAsync(Anna, "microsoft");
        Settings["Sync:PageSize"] = "50";

        var pages = await Reader("microsoft").ReadMailAsync(access, null, new MailWindow(Now.AddDays(-14)), Ct).ReadAllAsync();

        var malformed = Assert.Single(pages.SelectMany(p => p.Malformed));
        Assert.Equal(broken.Id, malformed.ProviderId);
        Assert.Contains("sentDateTime", malformed.Reason, StringComparison.Ordinal);
        var inbox = Assert.Single(pages, p => p.Malformed.Count > 0);
        Assert.Equal(5, inbox.Items.Count);
        Assert.Equal(8, pages.Items().Count);
    }

    [Fact]
    public async Task An_expired_or_unreadable_cursor_is_a_CursorExpiredException()
    {
        var (access, _) = await LinkAsync(Anna, "microsoft");
        var reader = Reader("microsoft");
        var window = new MailWindow(Now.AddDays(-14));
        var cursor = (await reader.ReadMailAsync(access, null, window, Ct).ReadAllAsync()).FinalCursor();
        await Sandbox.Control.AddFaultAsync(new FaultSpec { Mailbox = Anna, Kind = FaultKind.CursorExpired, PathPrefix = "/v1.0" }, Ct);

        await Assert.ThrowsAsync<CursorExpiredException>(() => reader.ReadMailAsync(access, cursor, window, Ct).ReadAllAsync());
        await Assert.ThrowsAsync<CursorExpiredException>(() => reader.ReadMailAsync(access, "{\"inbox\":\"x\"}", window, Ct).ReadAllAsync());
        Assert.Equal(8, (await reader.ReadMailAsync(access, null, window, Ct).ReadAllAsync()).Items().Count);
    }
}

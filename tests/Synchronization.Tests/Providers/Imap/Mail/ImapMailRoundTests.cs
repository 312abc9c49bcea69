using System.Text.Json;
using MailKit.Net.Imap;
using MimeKit;
using NavusoftSync.Synchronization.Providers;

namespace NavusoftSync.Synchronization.Tests.Providers.Imap.Mail;

public sealed class ImapMailRoundTests : ImapMailTest
{
    [Fact]
    public async Task First_round_reads_inbox_then_sent_in_pages_with_the_cursor_on_the_last_page_only()
    {
        var sentAt = new DateTimeOffset(DateTime.SpecifyKind(DateTime.UtcNow.Date.AddDays(-2).AddHours(9), DateTimeKind.Unspecified), TimeSpan.FromHours(1));
        var reply = Mail("Re: Load 42", "Dana Dispatch <dana@carrier.test>", Mailbox.Address, sentAt, "reply-42@carrier.test");
        reply.References.Add("root-42@mail.test");
        reply.References.Add("mid-42@carrier.test");
        reply.InReplyTo = "mid-42@carrier.test";
        reply.Cc.Add(new GroupAddress("Ops team", [MailboxAddress.Parse("ops1@carrier.test"), MailboxAddress.Parse("Ops Two <ops2@carrier.test>")]));
        var first = await AppendAsync("INBOX", reply);
        var second = await AppendAsync("INBOX", Mail("Rates", "rates@carrier.test", Mailbox.Address));
        var third = await AppendAsync("INBOX", Mail("Pickup", "pickup@carrier.test", Mailbox.Address));
        var sent = await AppendAsync("Sent", Mail("Quote", Mailbox.Address, "customer@shipper.test"));

        var pages = await RoundAsync(null);

        Assert.True(pages.Count >= 3, "two messages a page");
        Assert.All(pages.Take(pages.Count - 1), p => Assert.Null(p.CursorAfter));
        Assert.NotNull(pages[^1].CursorAfter);
        var items = pages.SelectMany(p => p.Items).ToList();
        Assert.Equal([first, second, third, sent], items.Select(i => i.ProviderId));
        Assert.Equal(["inbox", "inbox", "inbox", "sentitems"], items.Select(i => i.Folder));
        var read = items[0];
        Assert.Equal("<reply-42@carrier.test>", read.InternetMessageId);
        Assert.Equal(["<root-42@mail.test>", "<mid-42@carrier.test>"], read.References);
        Assert.Equal("<mid-42@carrier.test>", read.InReplyTo);
        Assert.Equal("Re: Load 42", read.Subject);
        Assert.Equal(("Dana Dispatch", "dana@carrier.test"), (read.From!.Name, read.From.Address));
        Assert.Equal(["ops1@carrier.test", "ops2@carrier.test"], read.Cc.Select(c => c.Address));
        Assert.Equal(sentAt, read.SentAt);
        Assert.Equal("customer@shipper.test", Assert.Single(items[3].To).Address);
    }

    [Fact]
    public async Task A_message_without_Date_Message_ID_and_From_is_still_read_with_its_arrival_time()
    {
        var id = await AppendAsync("INBOX", Raw("To: someone@carrier.test\nSubject: bare\n\nno headers to speak of\n"));
        var before = DateTimeOffset.UtcNow.AddMinutes(-5);

        var item = Assert.Single((await RoundAsync(null)).SelectMany(p => p.Items));

        Assert.Equal(id, item.ProviderId);
        Assert.Null(item.InternetMessageId);
        Assert.Null(item.From);
        Assert.Empty(item.References);
        Assert.InRange(item.SentAt, before, DateTimeOffset.UtcNow.AddMinutes(5));
    }

    [Fact]
    public async Task Broken_and_oversized_address_headers_yield_a_bounded_item()
    {
        var to = string.Join(", ", Enumerable.Range(0, 5_000).Select(i => $"r{i}@big.test"));
        await AppendAsync("INBOX", Raw(
            $"From: \"unterminated <broken@x.test>\nTo: {to}\nCc: undisclosed-recipients:;\nDate: not a date at all\nMessage-ID: <big@x.test>\nSubject: =?bogus?Q?=FF?=\n\nbody\n"));

        var item = Assert.Single((await RoundAsync(null)).SelectMany(p => p.Items));

        Assert.Equal(ParticipantCap.Max, item.To.Count);
        Assert.Equal(4_500, item.ParticipantsOmitted);
        Assert.Empty(item.Cc);
        Assert.Equal("<big@x.test>", item.InternetMessageId);
    }

    [Fact]
    public async Task A_full_round_reads_only_what_arrived_within_the_window()
    {
        using (var client = await Mailbox.ConnectAsync(Ct))
        {
            var old = Mail("last quarter", "x@carrier.test", Mailbox.Address, DateTimeOffset.UtcNow.AddDays(-60));
            await client.Inbox.AppendAsync(new MailKit.AppendRequest(old, MailKit.MessageFlags.Seen) { InternalDate = DateTimeOffset.UtcNow.AddDays(-60) }, Ct);
        }

        var recent = await AppendAsync("INBOX", Mail("this week", "x@carrier.test", Mailbox.Address));

        Assert.Equal([recent], (await RoundAsync(null)).SelectMany(p => p.Items).Select(i => i.ProviderId));
    }

    [Fact]
    public async Task Raw_8bit_bytes_in_headers_still_give_an_item_with_a_clean_subject()
    {
        var id = await AppendAsync("INBOX", Raw("From: Ren\u00e9 \u00c0 <rene@carrier.test>\nTo: x@y.test\nSubject: Caf\u00e9 \u0085\u009b\u00ff ok\nDate: Fri, 20 Nov 2026 09:00:00 +0100\n\nbody\n"));

        var item = Assert.Single((await RoundAsync(null)).SelectMany(p => p.Items));

        Assert.Equal(id, item.ProviderId);
        Assert.StartsWith("Caf", item.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(item.Subject, c => char.IsControl(c));
        Assert.Equal("rene@carrier.test", item.From!.Address);
    }

    [Fact]
    public async Task Drafts_are_skipped()
    {
        using (var client = await Mailbox.ConnectAsync(Ct))
        {
            await client.Inbox.OpenAsync(MailKit.FolderAccess.ReadWrite, Ct);
            await client.Inbox.AppendAsync(new MailKit.AppendRequest(Mail("draft", Mailbox.Address, "x@carrier.test"), MailKit.MessageFlags.Draft), Ct);
        }

        var kept = await AppendAsync("INBOX", Mail("real", "x@carrier.test", Mailbox.Address));

        Assert.Equal([kept], (await RoundAsync(null)).SelectMany(p => p.Items).Select(i => i.ProviderId));
    }

    [Fact]
    public async Task Incremental_round_with_QRESYNC_reads_new_messages_and_vanished_ones_and_ignores_flag_changes()
    {
        var kept = await AppendAsync("INBOX", Mail("kept", "a@carrier.test", Mailbox.Address));
        var flagged = await AppendAsync("INBOX", Mail("flagged", "b@carrier.test", Mailbox.Address));
        var deleted = await AppendAsync("INBOX", Mail("deleted", "c@carrier.test", Mailbox.Address));
        var cursor = (await RoundAsync(null))[^1].CursorAfter;
        Assert.Null(Folder(cursor, "inbox").GetProperty("present").GetString());
        Assert.True(Folder(cursor, "inbox").GetProperty("highestModSeq").GetUInt64() > 0);

        await FlagAsync("INBOX", UidOf(flagged));
        await ExpungeAsync("INBOX", UidOf(deleted));
        var added = await AppendAsync("INBOX", Mail("new", "d@carrier.test", Mailbox.Address));
        var pages = await RoundAsync(cursor);

        Assert.Equal([added], pages.SelectMany(p => p.Items).Select(i => i.ProviderId));
        Assert.Equal([deleted], pages.SelectMany(p => p.Removed).Select(r => r.ProviderId));
        var again = await RoundAsync(pages[^1].CursorAfter);
        Assert.Empty(again.SelectMany(p => p.Items));
        Assert.Empty(again.SelectMany(p => p.Removed));
        Assert.Single(again);
        Assert.NotEqual(kept, added);
    }

    [Fact]
    public async Task Incremental_round_without_QRESYNC_finds_expunged_messages_by_the_stored_uid_set()
    {
        WithoutCapabilities(ImapCapabilities.QuickResync | ImapCapabilities.CondStore);
        var first = await AppendAsync("INBOX", Mail("one", "a@carrier.test", Mailbox.Address));
        var flagged = await AppendAsync("INBOX", Mail("two", "b@carrier.test", Mailbox.Address));
        var deleted = await AppendAsync("INBOX", Mail("three", "c@carrier.test", Mailbox.Address));
        var cursor = (await RoundAsync(null))[^1].CursorAfter;
        Assert.Equal($"{UidOf(first)}:{UidOf(deleted)}", Folder(cursor, "inbox").GetProperty("present").GetString());
        Assert.Equal(JsonValueKind.Null, Folder(cursor, "inbox").GetProperty("highestModSeq").ValueKind);

        await FlagAsync("INBOX", UidOf(flagged));
        await ExpungeAsync("INBOX", UidOf(deleted));
        var added = await AppendAsync("INBOX", Mail("four", "d@carrier.test", Mailbox.Address));
        var pages = await RoundAsync(cursor);

        Assert.Equal([added], pages.SelectMany(p => p.Items).Select(i => i.ProviderId));
        Assert.Equal([deleted], pages.SelectMany(p => p.Removed).Select(r => r.ProviderId));
        Assert.Equal($"{UidOf(first)}:{UidOf(flagged)},{UidOf(added)}", Folder(pages[^1].CursorAfter, "inbox").GetProperty("present").GetString());
    }

    [Fact]
    public async Task A_changed_UIDVALIDITY_releases_the_old_ids_first_and_reads_each_message_once_under_its_new_id()
    {
        var one = await AppendAsync("INBOX", Mail("one", "a@carrier.test", Mailbox.Address, messageId: "one@carrier.test"));
        var two = await AppendAsync("INBOX", Mail("two", "b@carrier.test", Mailbox.Address, messageId: "two@carrier.test"));
        var cursor = (await RoundAsync(null))[^1].CursorAfter;

        await Mailbox.ChangeUidValidityAsync("INBOX");
        var pages = await RoundAsync(cursor);

        var removed = pages.SelectMany(p => p.Removed).Select(r => r.ProviderId).ToList();
        Assert.Equal([one, two], removed);
        var items = pages.SelectMany(p => p.Items).ToList();
        Assert.Equal(["<one@carrier.test>", "<two@carrier.test>"], items.Select(i => i.InternetMessageId));
        Assert.DoesNotContain(items, i => removed.Contains(i.ProviderId));
        var lastRemoval = pages.FindLastIndex(p => p.Removed.Count > 0);
        var firstItem = pages.FindIndex(p => p.Items.Count > 0);
        Assert.True(lastRemoval < firstItem, "old ids are released before the messages are held again");
        Assert.Empty((await RoundAsync(pages[^1].CursorAfter)).SelectMany(p => p.Items));
    }

    [Fact]
    public async Task The_Sent_folder_is_found_by_SPECIAL_USE_before_a_folder_named_like_it()
    {
        using (var client = await Mailbox.ConnectAsync(Ct))
        {
            var personal = client.GetFolder(client.PersonalNamespaces[0]);
            await personal.CreateAsync("Sent Items", true, Ct);
        }

        await AppendAsync("Sent Items", Mail("decoy", Mailbox.Address, "decoy@shipper.test"));
        var real = await AppendAsync("Sent", Mail("real", Mailbox.Address, "customer@shipper.test"));

        var items = (await RoundAsync(null)).SelectMany(p => p.Items).ToList();

        Assert.Equal([real], items.Select(i => i.ProviderId));
        Assert.Equal("Sent", Folder((await RoundAsync(null))[^1].CursorAfter, "sent").GetProperty("path").GetString());
    }

    [Fact]
    public async Task Without_SPECIAL_USE_the_Sent_folder_is_found_by_name()
    {
        // This Dovecot re-creates its \Sent folder "Sent" at every login, so the name path meets it beside "Sent Messages"
        // and must prefer it by the order of the names.
        WithoutCapabilities(ImapCapabilities.SpecialUse | ImapCapabilities.XList);
        await AppendAsync("Sent Messages", Mail("older client", Mailbox.Address, "old@shipper.test"));
        var sent = await AppendAsync("Sent", Mail("quote", Mailbox.Address, "customer@shipper.test"));

        var pages = await RoundAsync(null);

        Assert.Equal([sent], pages.SelectMany(p => p.Items).Select(i => i.ProviderId));
        Assert.Equal("sentitems", pages.SelectMany(p => p.Items).Single().Folder);
        Assert.Equal("Sent", Folder(pages[^1].CursorAfter, "sent").GetProperty("path").GetString());
    }

    [Fact]
    public async Task A_Sent_folder_deleted_between_rounds_releases_its_messages_and_the_round_goes_on()
    {
        var sent = await AppendAsync("Sent", Mail("quote", Mailbox.Address, "customer@shipper.test"));
        var cursor = (await RoundAsync(null))[^1].CursorAfter;

        await Mailbox.DeleteFolderAsync("Sent", Ct);
        var added = await AppendAsync("INBOX", Mail("after", "a@carrier.test", Mailbox.Address));
        var pages = await RoundAsync(cursor);

        Assert.Equal([added], pages.SelectMany(p => p.Items).Select(i => i.ProviderId));
        Assert.Equal([sent], pages.SelectMany(p => p.Removed).Select(r => r.ProviderId));
        var next = await RoundAsync(pages[^1].CursorAfter);
        Assert.Empty(next.SelectMany(p => p.Removed));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"version\":2,\"folders\":{}}")]
    [InlineData("{\"version\":1,\"folders\":{\"drafts\":{\"path\":\"Drafts\",\"uidValidity\":1,\"highestUid\":1,\"lowestUid\":1}}}")]
    [InlineData("{\"version\":1,\"folders\":{\"inbox\":{\"path\":\"INBOX\",\"uidValidity\":1,\"highestUid\":1,\"lowestUid\":1,\"present\":\"1:x\"}}}")]
    public async Task An_unreadable_cursor_asks_for_a_full_round(string cursor) =>
        await Assert.ThrowsAsync<CursorExpiredException>(() => RoundAsync(cursor));

    private static JsonElement Folder(string? cursor, string role) =>
        JsonDocument.Parse(cursor!).RootElement.GetProperty("folders").GetProperty(role);
}

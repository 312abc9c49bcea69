using System.Diagnostics;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Providers.Imap.CalDav;
using NavusoftSync.Synchronization.Tests.Providers.Infrastructure;
using NavusoftSync.Testing;

namespace NavusoftSync.Synchronization.Tests.Providers.Imap.CalDav;

/// <summary>What the CalDAV reader does when the server (the real Radicale, through a misbehaving proxy) fails or lacks features.</summary>
public sealed class CalDavFaultTests : CalDavReaderTest, IAsyncLifetime
{
    private CalDavFaultProxy _proxy = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _proxy = await CalDavFaultProxy.StartAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await _proxy.DisposeAsync();
        await DisposeAsync();
    }

    [Fact]
    public async Task Without_sync_collection_the_ctag_and_etags_find_the_changes()
    {
        _proxy.WithoutSyncCollection = true;
        await PutAsync("a.ics", OneEvent("a-1", "20261203T140000Z"));
        await PutAsync("b.ics", OneEvent("b-1", "20261204T140000Z"));
        var link = Link(Through(_proxy));
        var first = await ReadAsync(link, null);
        Assert.Equal([Href(Work, "a.ics") + "#", Href(Work, "b.ics") + "#"], first.Items().Select(i => i.ProviderId).Order(StringComparer.Ordinal));
        var state = CalDavCursor.Parse(first.FinalCursor()).Calendars[Work.AbsolutePath];
        Assert.Null(state.SyncToken);
        Assert.Equal(["a.ics", "b.ics"], state.ETags!.Keys.Order(StringComparer.Ordinal));

        _proxy.Requests.Clear();
        var quiet = await ReadAsync(link, first.FinalCursor());
        Assert.Empty(quiet.Items());
        Assert.NotEmpty(_proxy.Requests);
        Assert.All(_proxy.Requests, r => Assert.Equal($"PROPFIND /{Mailbox.Username}/", r));

        await PutAsync("a.ics", OneEvent("a-1", "20261203T160000Z", "Later"));
        await Mailbox.DeleteEventAsync(Work, "b.ics", Ct);
        var pages = await ReadAsync(link, quiet.FinalCursor());

        Assert.Equal("Later", Assert.Single(pages.Items()).Title);
        Assert.Empty(pages.SelectMany(p => p.Removed).Single(r => r.ProviderId == Href(Work, "b.ics")).SeriesKeep!);
    }

    [Fact]
    public async Task A_malformed_resource_is_reported_by_its_href_and_the_others_are_read()
    {
        await PutAsync("a.ics", OneEvent("a-1", "20261203T140000Z"));
        await PutAsync("broken.ics", OneEvent("broken-1", "20261204T140000Z"));
        await PutAsync("c.ics", OneEvent("c-1", "20261205T140000Z"));
        _proxy.RewriteReport = body => body.Replace("UID:broken-1", "X-NO-UID:broken-1", StringComparison.Ordinal);

        var pages = await ReadAsync(Link(Through(_proxy)), null);

        Assert.Equal(Href(Work, "broken.ics"), Assert.Single(pages.SelectMany(p => p.Malformed)).ProviderId);
        Assert.Equal([Href(Work, "a.ics") + "#", Href(Work, "c.ics") + "#"], pages.Items().Select(i => i.ProviderId).Order(StringComparer.Ordinal));
        Assert.NotNull(pages.FinalCursor());
    }

    [Fact]
    public async Task A_hostile_rule_is_malformed_quickly_and_the_rest_is_read()
    {
        await PutAsync("good.ics", OneEvent("good-1", "20261203T140000Z"));
        await PutAsync("hostile.ics", Ics.Calendar(Ics.Event("hostile-1", "DTSTART:19700101T000000Z", "DTEND:19700101T000001Z", "x", "RRULE:FREQ=SECONDLY")));
        var started = Stopwatch.StartNew();

        var pages = await ReadAsync(Link(), null);

        Assert.True(started.Elapsed < TimeSpan.FromSeconds(20));
        Assert.Equal(Href(Work, "hostile.ics"), Assert.Single(pages.SelectMany(p => p.Malformed)).ProviderId);
        Assert.Equal(Href(Work, "good.ics") + "#", Assert.Single(pages.Items()).ProviderId);
    }

    [Fact]
    public async Task A_resource_over_a_mebibyte_is_malformed_and_the_rest_is_read()
    {
        await PutAsync("good.ics", OneEvent("good-1", "20261203T140000Z"));
        await PutAsync("huge.ics", OneEvent("huge-1", "20261204T140000Z", "Huge", "DESCRIPTION:" + new string('x', 2 * 1024 * 1024)));

        var pages = await ReadAsync(Link(), null);

        Assert.Equal(Href(Work, "huge.ics"), Assert.Single(pages.SelectMany(p => p.Malformed)).ProviderId);
        Assert.Equal(Href(Work, "good.ics") + "#", Assert.Single(pages.Items()).ProviderId);
    }

    [Fact]
    public async Task A_503_with_retry_after_is_waited_out_and_tried_again()
    {
        await PutAsync("a.ics", OneEvent("a-1", "20261203T140000Z"));
        _proxy.Fail(503, 2, retryAfter: "1");
        var started = Stopwatch.StartNew();

        var pages = await ReadAsync(Link(Through(_proxy)), null);

        Assert.Single(pages.Items());
        Assert.Equal(0, _proxy.PendingFaults);
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(1.9), $"took {started.Elapsed}");
    }

    [Fact]
    public async Task A_server_answering_507_fails_the_read_after_the_allowed_attempts()
    {
        await PutAsync("a.ics", OneEvent("a-1", "20261203T140000Z"));
        _proxy.Fail(507, 10);

        await Assert.ThrowsAsync<ProviderUnavailableException>(() => ReadAsync(Link(Through(_proxy)), null));

        Assert.Equal(3, _proxy.Requests.Count);
    }

    [Fact]
    public async Task A_changed_password_makes_the_link_need_a_new_app_password()
    {
        var link = Link();
        await Mailbox.SetPasswordAsync(TestMailbox.NewPassword(), Ct);

        await Assert.ThrowsAsync<ReauthRequiredException>(() => ReadAsync(link, null));

        Assert.Single(link.Rejected);
    }
}

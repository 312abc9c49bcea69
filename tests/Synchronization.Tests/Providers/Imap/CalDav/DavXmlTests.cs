using System.Text;
using NavusoftSync.Synchronization.Providers;
using NavusoftSync.Synchronization.Providers.Imap.CalDav;

namespace NavusoftSync.Synchronization.Tests.Providers.Imap.CalDav;

/// <summary>Multistatus answers as the reader reads them, and what it refuses to read.</summary>
public sealed class DavXmlTests
{
    [Fact]
    public void A_sync_collection_answer_gives_changed_and_removed_members_and_the_new_token()
    {
        const string body = """
            <?xml version="1.0" encoding="utf-8"?>
            <d:multistatus xmlns:d="DAV:">
              <d:response><d:href>/alice/work/a.ics</d:href><d:propstat><d:prop><d:getetag>"1"</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
              <d:response><d:href>/alice/work/b.ics</d:href><d:status>HTTP/1.1 404 Not Found</d:status></d:response>
              <d:sync-token>http://radicale.org/ns/sync/abc</d:sync-token>
            </d:multistatus>
            """;

        var status = DavXml.ReadMultistatus(Encoding.UTF8.GetBytes(body));

        Assert.Equal("http://radicale.org/ns/sync/abc", status.SyncToken);
        Assert.Equal([("/alice/work/a.ics", 200, "\"1\""), ("/alice/work/b.ics", 404, (string?)null)], status.Responses.Select(r => (r.Href, r.Status, r.ETag)));
    }

    [Fact]
    public void A_calendar_listing_gives_calendars_their_components_tokens_and_ctags()
    {
        const string body = """
            <multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav" xmlns:CS="http://calendarserver.org/ns/">
              <response><href>/alice/</href><propstat><prop><resourcetype><collection/></resourcetype></prop><status>HTTP/1.1 200 OK</status></propstat></response>
              <response><href>/alice/work/</href><propstat><prop><resourcetype><collection/><C:calendar/></resourcetype>
                <C:supported-calendar-component-set><C:comp name="VEVENT"/><C:comp name="VTODO"/></C:supported-calendar-component-set>
                <sync-token>tok-1</sync-token><CS:getctag>ctag-1</CS:getctag></prop><status>HTTP/1.1 200 OK</status></propstat>
                <propstat><prop><displayname/></prop><status>HTTP/1.1 404 Not Found</status></propstat></response>
            </multistatus>
            """;

        var work = DavXml.ReadMultistatus(Encoding.UTF8.GetBytes(body)).Responses[1];

        Assert.Equal(("/alice/work/", 200, true, "tok-1", "ctag-1"), (work.Href, work.Status, work.IsCalendar, work.SyncToken, work.CTag));
        Assert.Equal(["VEVENT", "VTODO"], work.Components!);
    }

    [Fact]
    public void A_document_type_declaration_is_refused_so_no_entity_is_expanded()
    {
        const string body = """
            <?xml version="1.0"?>
            <!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <d:multistatus xmlns:d="DAV:"><d:response><d:href>&b;</d:href></d:response></d:multistatus>
            """;

        Assert.Throws<ProviderUnavailableException>(() => DavXml.ReadMultistatus(Encoding.UTF8.GetBytes(body)));
    }

    [Fact]
    public void Requests_escape_what_they_carry()
    {
        Assert.Contains("<d:href>/a/&lt;x&gt;&amp;.ics</d:href>", DavXml.Multiget(["/a/<x>&.ics"]), StringComparison.Ordinal);
        Assert.Contains("<d:sync-token>&lt;t&gt;</d:sync-token>", DavXml.SyncCollection("<t>"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"v\":2,\"calendars\":{}}")]
    [InlineData("[1,2]")]
    public void An_unreadable_cursor_is_expired(string cursor) =>
        Assert.Throws<CursorExpiredException>(() => CalDavCursor.Parse(cursor));

    [Fact]
    public void A_cursor_round_trips()
    {
        var cursor = new CalDavCursor(new Dictionary<string, CalDavCalendarState>
        {
            ["/alice/work/"] = new() { SyncToken = "tok", Held = ["a.ics"] },
            ["/alice/home/"] = new() { CTag = "c", ETags = new Dictionary<string, string> { ["b.ics"] = "\"2\"" } },
        });

        var read = CalDavCursor.Parse(cursor.Serialize());

        Assert.Equal("tok", read.Calendars["/alice/work/"].SyncToken);
        Assert.Equal(["a.ics"], read.Calendars["/alice/work/"].Held);
        Assert.Equal("\"2\"", read.Calendars["/alice/home/"].ETags!["b.ics"]);
        Assert.Empty(CalDavCursor.Parse("none").Calendars);
    }
}

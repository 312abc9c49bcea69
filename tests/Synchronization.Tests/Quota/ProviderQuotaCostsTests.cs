using System.Text;
using NavusoftSync.Synchronization.Providers.Reading;

namespace NavusoftSync.Synchronization.Tests.Quota;

/// <summary>The quota a request costs, from its method and path: Gmail's published units, Calendar and Graph one per request, batches per inner request.</summary>
public sealed class ProviderQuotaCostsTests
{
    [Theory]
    [InlineData("GET", "/gmail/v1/users/me/messages/18c2f0a", 5)]
    [InlineData("GET", "/gmail/v1/users/me/messages", 5)]
    [InlineData("GET", "/gmail/v1/users/me/history", 2)]
    [InlineData("GET", "/gmail/v1/users/me/profile", 1)]
    [InlineData("POST", "/gmail/v1/users/me/watch", 100)]
    [InlineData("POST", "/gmail/v1/users/me/stop", 50)]
    [InlineData("GET", "/gmail/v1/users/me/labels", 5)]
    public void Gmail_costs_its_published_units_per_method(string method, string path, int units) =>
        Assert.Equal(new QuotaCost(ProviderQuotaCosts.Gmail, units), ProviderQuotaCosts.Of("google", method, path));

    [Theory]
    [InlineData("google", "/calendar/v3/calendars/primary/events", "calendar")]
    [InlineData("google", "/calendar/v3/calendars/primary/events/watch", "calendar")]
    [InlineData("microsoft", "/v1.0/me/mailFolders/inbox/messages/delta", "graph")]
    [InlineData("microsoft", "/v1.0/subscriptions", "graph")]
    public void Calendar_and_Graph_cost_one_per_request(string provider, string path, string api) =>
        Assert.Equal(new QuotaCost(api, 1), ProviderQuotaCosts.Of(provider, "GET", path));

    [Theory]
    [InlineData("imap", "/dav/calendars/anna/")]
    [InlineData("google", "/token")]
    [InlineData("google", "/")]
    public void A_request_no_per_mailbox_quota_counts_costs_nothing(string provider, string path) =>
        Assert.Equal(QuotaCost.None, ProviderQuotaCosts.Of(provider, "GET", path));

    [Fact]
    public async Task A_Graph_batch_costs_one_per_inner_request()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://graph.example/v1.0/$batch")
        {
            Content = new StringContent("""
                {"requests":[{"id":"1","method":"GET","url":"/me/messages/a"},{"id":"2", "method" : "GET","url":"/me/messages/b"},
                {"id":"3","method":"GET","url":"/me/messages/c"}]}
                """, Encoding.UTF8, "application/json"),
        };

        Assert.Equal(new QuotaCost(ProviderQuotaCosts.Graph, 3), await ProviderQuotaCosts.OfAsync("microsoft", request, CancellationToken.None));
    }

    [Fact]
    public async Task A_Gmail_batch_costs_the_sum_of_its_inner_requests()
    {
        const string body = "--b\r\nContent-Type: application/http\r\n\r\nGET /gmail/v1/users/me/messages/a?format=metadata\r\n\r\n"
            + "--b\r\nContent-Type: application/http\r\n\r\nGET /gmail/v1/users/me/messages/b\r\n\r\n"
            + "--b\r\nContent-Type: application/http\r\n\r\nGET /gmail/v1/users/me/history?startHistoryId=1\r\n\r\n--b--";
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://gmail.example/batch/gmail/v1") { Content = new StringContent(body) };

        Assert.Equal(new QuotaCost(ProviderQuotaCosts.Gmail, 12), await ProviderQuotaCosts.OfAsync("google", request, CancellationToken.None));
    }

    [Fact]
    public async Task A_batch_of_ten_thousand_inner_requests_costs_each_of_them()
    {
        var inner = Enumerable.Range(0, 10_000).Select(i => $$"""{"id":"{{i}}","method":"GET","url":"/me/messages/m{{i}}"}""");
        using var graph = new HttpRequestMessage(HttpMethod.Post, "https://graph.example/v1.0/$batch")
        {
            Content = new StringContent($$"""{"requests":[{{string.Join(',', inner)}}]}""", Encoding.UTF8, "application/json"),
        };
        var parts = Enumerable.Range(0, 10_000).Select(i => $"--b\r\nContent-Type: application/http\r\n\r\nGET /gmail/v1/users/me/messages/m{i}\r\n\r\n");
        using var gmail = new HttpRequestMessage(HttpMethod.Post, "https://gmail.example/batch/gmail/v1") { Content = new StringContent(string.Concat(parts) + "--b--") };

        Assert.Equal(new QuotaCost(ProviderQuotaCosts.Graph, 10_000), await ProviderQuotaCosts.OfAsync("microsoft", graph, CancellationToken.None));
        Assert.Equal(new QuotaCost(ProviderQuotaCosts.Gmail, 50_000), await ProviderQuotaCosts.OfAsync("google", gmail, CancellationToken.None));
    }

    [Fact]
    public async Task Pricing_a_batch_read_once_from_a_stream_leaves_its_whole_body_to_be_sent()
    {
        const string body = """{"requests":[{"id":"1","method":"GET","url":"/me/messages/a"},{"id":"2","method":"GET","url":"/me/messages/b"}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://graph.example/v1.0/$batch")
        {
            Content = new StreamContent(new ReadOnceStream(Encoding.UTF8.GetBytes(body))),
        };

        Assert.Equal(new QuotaCost(ProviderQuotaCosts.Graph, 2), await ProviderQuotaCosts.OfAsync("microsoft", request, CancellationToken.None));
        Assert.Equal(body, await request.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_malformed_Google_batch_still_costs_one_request_of_its_API()
    {
        using var gmail = new HttpRequestMessage(HttpMethod.Post, "https://gmail.example/batch/gmail/v1") { Content = new StringContent("--b\r\nGET\r\n\u0000 not a request line --") };
        using var calendar = new HttpRequestMessage(HttpMethod.Post, "https://google.example/batch/calendar/v3") { Content = new StringContent(string.Empty) };

        Assert.Equal(new QuotaCost(ProviderQuotaCosts.Gmail, 1), await ProviderQuotaCosts.OfAsync("google", gmail, CancellationToken.None));
        Assert.Equal(new QuotaCost(ProviderQuotaCosts.Calendar, 1), await ProviderQuotaCosts.OfAsync("google", calendar, CancellationToken.None));
    }

    [Fact]
    public async Task An_empty_or_unreadable_batch_still_costs_one_request()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://graph.example/v1.0/$batch") { Content = new StringContent("not json at all") };

        Assert.Equal(new QuotaCost(ProviderQuotaCosts.Graph, 1), await ProviderQuotaCosts.OfAsync("microsoft", request, CancellationToken.None));
    }

    /// <summary>A body that can be read once, front to back, like a request stream from the network: no seeking, no second pass.</summary>
    private sealed class ReadOnceStream(byte[] bytes) : Stream
    {
        private int _at;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, bytes.Length - _at);
            Array.Copy(bytes, _at, buffer, offset, n);
            _at += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

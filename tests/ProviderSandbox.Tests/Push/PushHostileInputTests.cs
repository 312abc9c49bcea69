using System.Net.Http.Headers;
using System.Text;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Push;

/// <summary>Malformed subscription, watch and channel requests answer 4xx, never 5xx; a dead subscriber never stalls the queue.</summary>
public sealed class PushHostileInputTests : PushTest
{
    private const string Outlook = "anna.keller@contoso.com";
    private const string Gmail = "carl.rivera@gmail.example";

    [Theory]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"changeType\":\"created\",\"notificationUrl\":\"http://127.0.0.1:9/x\",\"resource\":\"me/messages\",\"expirationDateTime\":\"soon\"}")]
    [InlineData("{\"changeType\":7,\"notificationUrl\":\"ftp://example/x\",\"resource\":\"me/messages\",\"expirationDateTime\":\"9999-12-31T23:59:59Z\"}")]
    [InlineData("{\"changeType\":\"created\",\"notificationUrl\":\"http://127.0.0.1:9/x\",\"resource\":\"me/messages\",\"expirationDateTime\":\"0001-01-01T00:00:00+14:00\"}")]
    [InlineData("{\"resource\":\"users('')/messages\"}")]
    public async Task A_malformed_subscription_request_answers_a_graph_4xx(string body)
    {
        var status = await SendAsync(Outlook, $"{Sandbox.GraphBaseUrl}/subscriptions", body);

        Assert.InRange(status, 400, 499);
        Assert.Empty((await Sandbox.Control.GetPushStateAsync(Ct)).GraphSubscriptions);
    }

    [Theory]
    [InlineData("calendars/primary/events/watch", "{\"id\":\"c\",\"type\":\"web_hook\",\"address\":\"http://127.0.0.1:9/x\",\"expiration\":\"-99999999999999999\"}")]
    [InlineData("calendars/primary/events/watch", "{\"id\":\"c\",\"type\":\"web_hook\",\"address\":\"http://127.0.0.1:9/x\",\"expiration\":-9223372036854775808}")]
    [InlineData("calendars/primary/events/watch", "{\"id\":\"c\",\"type\":\"web_hook\",\"address\":\"javascript:alert(1)\"}")]
    [InlineData("calendars/primary/events/watch", "\u0000\u0001")]
    [InlineData("channels/stop", "{\"id\":5}")]
    [InlineData("channels/stop", "null")]
    public async Task A_malformed_calendar_channel_request_answers_a_google_4xx(string path, string body)
    {
        var status = await SendAsync(Gmail, $"{Sandbox.CalendarBaseUrl}/{path}", body);

        Assert.InRange(status, 400, 499);
        Assert.Empty((await Sandbox.Control.GetPushStateAsync(Ct)).CalendarChannels);
    }

    [Theory]
    [InlineData("{\"topicName\":{\"nested\":true}}")]
    [InlineData("{\"topicName\":\"projects/a/topics/b/extra\"}")]
    [InlineData("{")]
    public async Task A_malformed_watch_answers_400(string body)
    {
        Assert.Equal(400, await SendAsync(Gmail, $"{Sandbox.GmailBaseUrl}/users/me/watch", body));
    }

    [Fact]
    public async Task A_push_subscription_must_name_an_http_endpoint()
    {
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Sandbox.Control.AddPubSubSubscriptionAsync(
            new PubSubPushSubscription { Topic = "projects/p/topics/t", PushEndpoint = "file:///etc/passwd", ServiceAccountEmail = "sa@p.iam.gserviceaccount.com" }, Ct));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.StatusCode);
    }

    [Fact]
    public async Task A_subscriber_that_never_answers_is_recorded_and_later_notifications_still_go_out()
    {
        await Sandbox.Control.AddPubSubSubscriptionAsync(new PubSubPushSubscription { Topic = "projects/p/topics/t", PushEndpoint = "http://127.0.0.1:9/dead", ServiceAccountEmail = "sa@p.iam.gserviceaccount.com" }, Ct);
        await Sandbox.Control.AddPubSubSubscriptionAsync(new PubSubPushSubscription { Topic = "projects/p/topics/t", PushEndpoint = Receiver.Url("/alive"), ServiceAccountEmail = "sa@p.iam.gserviceaccount.com" }, Ct);
        Assert.Equal(200, await SendAsync(Gmail, $"{Sandbox.GmailBaseUrl}/users/me/watch", "{\"topicName\":\"projects/p/topics/t\"}"));

        await Sandbox.Control.AddMessageAsync(Gmail, new ScenarioMessage { Subject = "One", From = "bob@fabrikam.example", To = [Gmail] }, Ct);
        await Receiver.NextAsync(r => r.Path == "/alive", Ct);

        var dead = await DeliveryAsync(d => d.Url.EndsWith("/dead", StringComparison.Ordinal));
        Assert.Null(dead.Status);
        Assert.False(string.IsNullOrEmpty(dead.Error));
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Outlook, Provider = SandboxProvider.Microsoft }, Ct);
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Gmail, Provider = SandboxProvider.Google }, Ct);
    }

    private async Task<int> SendAsync(string mailbox, string url, string body)
    {
        var token = (await Sandbox.Control.IssueTokensAsync(mailbox, ct: Ct)).AccessToken;
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request, Ct);
        return (int)response.StatusCode;
    }
}

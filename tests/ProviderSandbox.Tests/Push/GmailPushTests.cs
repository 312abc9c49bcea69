using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Google.Apis.Auth;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Hosting;
using NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Push;

/// <summary>
/// Gmail <c>users.watch</c>/<c>users.stop</c> and the simulated Cloud Pub/Sub push. Each push's OIDC token is verified
/// against the sandbox's JWKS as a subscriber verifies Google's: with Microsoft.IdentityModel (what the host uses), and once
/// with Google.Apis.Auth. Both check lifetimes on the real clock, so the sandbox clock starts at the real now here.
/// </summary>
public sealed class GmailPushTests : PushTest
{
    private const string Mailbox = "carl.rivera@gmail.example";
    private const string Topic = "projects/navusoft/topics/gmail";
    private const string ServiceAccount = "push@navusoft.iam.gserviceaccount.com";
    private string _token = string.Empty;

    private string Audience => Receiver.Url("/gmail");

    public override async Task InitializeAsync()
    {
        Clock.SetUtcNow(DateTimeOffset.UtcNow);
        await base.InitializeAsync();
        await Sandbox.Control.AddMailboxAsync(new ScenarioMailbox { Email = Mailbox, Provider = SandboxProvider.Google }, Ct);
        _token = (await Sandbox.Control.IssueTokensAsync(Mailbox, ct: Ct)).AccessToken;
    }

    [Fact]
    public async Task Push_subscriptions_of_the_options_are_registered_at_start_and_a_reset_forgets_them()
    {
        var configured = Assert.Single(await Sandbox.Control.GetPubSubSubscriptionsAsync(Ct));

        Assert.Equal(("projects/navusoft/topics/configured", "configured", "http://127.0.0.1:9/configured"), (configured.Topic, configured.Name, configured.Audience));
        await Sandbox.Control.ResetAsync(Ct);
        Assert.Empty(await Sandbox.Control.GetPubSubSubscriptionsAsync(Ct));
    }

    [Fact]
    public async Task Watch_answers_the_current_history_id_and_a_seven_day_expiration_and_stop_ends_it()
    {
        var profile = await CallAsync(HttpMethod.Get, "users/me/profile", null);

        var (status, watch) = await CallAsync(HttpMethod.Post, "users/me/watch", new JsonObject { ["topicName"] = Topic, ["labelIds"] = new JsonArray("INBOX") });

        Assert.Equal(200, status);
        Assert.Equal(profile.Body["historyId"]!.GetValue<string>(), watch["historyId"]!.GetValue<string>());
        Assert.Equal(Clock.GetUtcNow().AddDays(7).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), watch["expiration"]!.GetValue<string>());
        var stored = Assert.Single((await Sandbox.Control.GetPushStateAsync(Ct)).GmailWatches);
        Assert.Equal((Mailbox, Topic), (stored.Mailbox, stored.TopicName));

        Assert.Equal(204, (await CallAsync(HttpMethod.Post, $"users/{Mailbox}/stop", null)).Status);
        Assert.Empty((await Sandbox.Control.GetPushStateAsync(Ct)).GmailWatches);
        Assert.Equal(204, (await CallAsync(HttpMethod.Post, "users/me/stop", null)).Status);
    }

    [Theory]
    [InlineData("gmail")]
    [InlineData("projects/navusoft/subscriptions/gmail")]
    [InlineData("")]
    public async Task A_topic_name_that_is_not_a_topic_is_refused(string topic)
    {
        var (status, body) = await CallAsync(HttpMethod.Post, "users/me/watch", new JsonObject { ["topicName"] = topic });

        Assert.Equal(400, status);
        Assert.Equal("INVALID_ARGUMENT", body["error"]!["status"]!.GetValue<string>());
        Assert.Empty((await Sandbox.Control.GetPushStateAsync(Ct)).GmailWatches);
    }

    [Fact]
    public async Task A_new_message_is_pushed_with_a_google_signed_token_and_the_new_history_id()
    {
        await SubscribeAndWatchAsync();

        await Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage { Subject = "Order", From = "bob@fabrikam.example", To = [Mailbox] }, Ct);
        var push = await Receiver.NextAsync(r => r.Path == "/gmail", Ct);

        var claims = await VerifyAsync(Bearer(push));
        Assert.Equal(ServiceAccount, claims["email"]);
        Assert.Equal(true, claims["email_verified"]);
        Assert.Matches("^[0-9]{21}$", (string)claims["sub"]);
        Assert.Equal(claims["sub"], claims["azp"]);
        Assert.Equal(Convert.ToInt64(claims["iat"], CultureInfo.InvariantCulture) + 3600, Convert.ToInt64(claims["exp"], CultureInfo.InvariantCulture));
        var google = await JsonWebSignature.VerifySignedTokenAsync<GoogleJsonWebSignature.Payload>(Bearer(push), new SignedTokenVerificationOptions
        {
            CertificatesUrl = Sandbox.Urls.PubSubCertsUrl,
            TrustedAudiences = { Audience },
            TrustedIssuers = { "https://accounts.google.com" },
        }, Ct);
        Assert.Equal((ServiceAccount, true), (google.Email, google.EmailVerified));
        var body = JsonNode.Parse(push.Body)!;
        var message = body["message"]!;
        var data = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(message["data"]!.GetValue<string>())))!;
        var snapshot = await Sandbox.Control.GetMailboxAsync(Mailbox, Ct);
        Assert.Equal(Mailbox, data["emailAddress"]!.GetValue<string>());
        Assert.Equal(long.Parse(snapshot.HistoryId, CultureInfo.InvariantCulture), data["historyId"]!.GetValue<long>());
        Assert.Equal(message["messageId"]!.GetValue<string>(), message["message_id"]!.GetValue<string>());
        Assert.Equal(message["publishTime"]!.GetValue<string>(), message["publish_time"]!.GetValue<string>());
        Assert.Equal("projects/sandbox/subscriptions/gmail-push", body["subscription"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_token_for_another_audience_does_not_verify()
    {
        await Sandbox.Control.AddPubSubSubscriptionAsync(new PubSubPushSubscription
        {
            Topic = Topic, PushEndpoint = Receiver.Url("/gmail"), Audience = "https://someone-else.example", ServiceAccountEmail = ServiceAccount,
        }, Ct);
        await WatchAsync(Topic);

        await Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage { Subject = "Order", From = "bob@fabrikam.example", To = [Mailbox] }, Ct);
        var push = await Receiver.NextAsync(r => r.Path == "/gmail", Ct);

        await Assert.ThrowsAsync<SecurityTokenInvalidAudienceException>(() => VerifyAsync(Bearer(push)));
    }

    [Fact]
    public async Task After_a_rotation_the_new_key_signs_and_the_previous_key_still_verifies_until_the_next_rotation()
    {
        await SubscribeAndWatchAsync();
        var before = await PushAfterNewMessageAsync("Before rotation");

        var rotated = await Sandbox.Control.RotatePubSubKeyAsync(Ct);
        var after = await PushAfterNewMessageAsync("After rotation");

        var jwks = (await HttpJson.GetAsync(Http, Sandbox.Urls.PubSubCertsUrl, null, Ct)).Body["keys"]!.AsArray();
        Assert.Equal(2, jwks.Count);
        Assert.All(jwks, k => Assert.Equal(("RSA", "RS256", "sig"), (k!["kty"]!.GetValue<string>(), k["alg"]!.GetValue<string>(), k["use"]!.GetValue<string>())));
        Assert.Equal(rotated.Kid, KeyId(after));
        Assert.NotEqual(KeyId(before), KeyId(after));
        await VerifyAsync(after);
        await VerifyAsync(before);

        await Sandbox.Control.RotatePubSubKeyAsync(Ct);
        await Assert.ThrowsAsync<SecurityTokenSignatureKeyNotFoundException>(() => VerifyAsync(before));
    }

    [Fact]
    public async Task A_label_filter_publishes_only_changes_to_those_labels_and_every_push_subscription_of_the_topic_gets_it()
    {
        await Sandbox.Control.AddPubSubSubscriptionAsync(new PubSubPushSubscription { Topic = Topic, PushEndpoint = Receiver.Url("/gmail"), ServiceAccountEmail = ServiceAccount }, Ct);
        await Sandbox.Control.AddPubSubSubscriptionAsync(new PubSubPushSubscription { Topic = Topic, PushEndpoint = Receiver.Url("/second"), ServiceAccountEmail = ServiceAccount }, Ct);
        await Sandbox.Control.AddPubSubSubscriptionAsync(new PubSubPushSubscription { Topic = "projects/navusoft/topics/other", PushEndpoint = Receiver.Url("/other"), ServiceAccountEmail = ServiceAccount }, Ct);
        await CallAsync(HttpMethod.Post, "users/me/watch", new JsonObject { ["topicName"] = Topic, ["labelIds"] = new JsonArray("INBOX"), ["labelFilterBehavior"] = "include" });

        await Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage { Subject = "Sent", From = Mailbox, To = ["bob@fabrikam.example"] }, Ct);
        await Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage { Subject = "Inbox", From = "bob@fabrikam.example", To = [Mailbox] }, Ct);
        await Receiver.NextAsync(r => r.Path == "/second", Ct);

        var pushes = Receiver.Received.Where(r => r.Method == "POST").ToList();
        Assert.Equal(["/gmail", "/second"], pushes.Select(p => p.Path));
        var snapshot = await Sandbox.Control.GetMailboxAsync(Mailbox, Ct);
        Assert.All(pushes, p => Assert.Equal(long.Parse(snapshot.HistoryId, CultureInfo.InvariantCulture), HistoryId(p)));
        await VerifyAsync(Bearer(pushes[0]));
    }

    [Fact]
    public async Task An_expired_watch_publishes_nothing()
    {
        await SubscribeAndWatchAsync();

        Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        _token = (await Sandbox.Control.IssueTokensAsync(Mailbox, ct: Ct)).AccessToken;
        await OpenMarkerChannelAsync();
        await Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage { Subject = "Late", From = "bob@fabrikam.example", To = [Mailbox] }, Ct);
        await Sandbox.Control.AddEventAsync(Mailbox, new ScenarioEvent { Subject = "Marker", Start = Clock.GetUtcNow().AddDays(1), End = Clock.GetUtcNow().AddDays(1).AddHours(1) }, Ct);
        await Receiver.NextAsync(r => r.Path == "/marker" && r.Header("X-Goog-Resource-State") == "exists", Ct);

        Assert.DoesNotContain(Receiver.Received, r => r.Path == "/gmail");
        Assert.Empty((await Sandbox.Control.GetPushStateAsync(Ct)).GmailWatches);
    }

    [Fact]
    public async Task A_watch_expired_through_the_control_api_publishes_nothing()
    {
        await SubscribeAndWatchAsync();

        await Sandbox.Control.ExpirePushAsync(Mailbox, Ct);
        await OpenMarkerChannelAsync();
        await Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage { Subject = "Late", From = "bob@fabrikam.example", To = [Mailbox] }, Ct);
        await Sandbox.Control.AddEventAsync(Mailbox, new ScenarioEvent { Subject = "Marker", Start = Clock.GetUtcNow().AddDays(1), End = Clock.GetUtcNow().AddDays(1).AddHours(1) }, Ct);
        await Receiver.NextAsync(r => r.Path == "/marker" && r.Header("X-Goog-Resource-State") == "exists", Ct);

        Assert.DoesNotContain(Receiver.Received, r => r.Path == "/gmail");
        Assert.Empty((await Sandbox.Control.GetPushStateAsync(Ct)).GmailWatches);
    }

    /// <summary>
    /// A calendar channel of the same mailbox: its notifications share the mailbox's delivery lane, so once its "exists"
    /// for a later change arrives, any push for an earlier change would have arrived before it.
    /// </summary>
    private async Task OpenMarkerChannelAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Sandbox.CalendarBaseUrl}/calendars/primary/events/watch")
        {
            Content = new StringContent(new JsonObject { ["id"] = "marker", ["type"] = "web_hook", ["address"] = Receiver.Url("/marker") }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        Assert.Equal(200, (await HttpJson.SendAsync(Http, request, Ct)).Status);
    }

    protected override void Configure(SandboxOptions options) => options.PubSubSubscriptions.Add(new PubSubPushSubscription
    {
        Topic = "projects/navusoft/topics/configured", PushEndpoint = "http://127.0.0.1:9/configured", ServiceAccountEmail = ServiceAccount, Name = "configured",
    });

    private async Task SubscribeAndWatchAsync()
    {
        var subscription = await Sandbox.Control.AddPubSubSubscriptionAsync(new PubSubPushSubscription
        {
            Topic = Topic, PushEndpoint = Receiver.Url("/gmail"), Audience = Audience, ServiceAccountEmail = ServiceAccount, Name = "gmail-push",
        }, Ct);
        Assert.Equal(Audience, subscription.Audience);
        await WatchAsync(Topic);
    }

    private async Task WatchAsync(string topic) =>
        Assert.Equal(200, (await CallAsync(HttpMethod.Post, "users/me/watch", new JsonObject { ["topicName"] = topic })).Status);

    private async Task<string> PushAfterNewMessageAsync(string subject)
    {
        await Sandbox.Control.AddMessageAsync(Mailbox, new ScenarioMessage { Subject = subject, From = "bob@fabrikam.example", To = [Mailbox] }, Ct);
        return Bearer(await Receiver.NextAsync(r => r.Path == "/gmail", Ct));
    }

    /// <summary>Validates signature (keys fetched from the JWKS now), issuer, audience and lifetime; answers the claims.</summary>
    private async Task<IDictionary<string, object>> VerifyAsync(string jwt)
    {
        var jwks = new JsonWebKeySet(await Http.GetStringAsync(new Uri(Sandbox.Urls.PubSubCertsUrl), Ct));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidIssuer = "https://accounts.google.com",
            ValidAudience = Audience,
            ValidAlgorithms = ["RS256"],
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = false,
        });
        return result.IsValid ? result.Claims : throw result.Exception;
    }

    private static string Bearer(ReceivedRequest request)
    {
        var header = AuthenticationHeaderValue.Parse(request.Header("Authorization")!);
        Assert.Equal("Bearer", header.Scheme);
        return header.Parameter!;
    }

    private static string KeyId(string jwt)
    {
        var header = jwt.Split('.')[0].Replace('-', '+').Replace('_', '/');
        header = header.PadRight(header.Length + ((4 - (header.Length % 4)) % 4), '=');
        return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)))!["kid"]!.GetValue<string>();
    }

    private static long HistoryId(ReceivedRequest push)
    {
        var data = JsonNode.Parse(push.Body)!["message"]!["data"]!.GetValue<string>();
        return JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(data)))!["historyId"]!.GetValue<long>();
    }

    private async Task<(int Status, JsonNode Body)> CallAsync(HttpMethod method, string path, JsonObject? body, string? token = null)
    {
        var request = new HttpRequestMessage(method, $"{Sandbox.GmailBaseUrl}/{path}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? _token);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        return await HttpJson.SendAsync(Http, request, Ct);
    }
}

using System.Net;
using NavusoftSync.Linking.Contracts;
using NavusoftSync.Linking.Credentials;
using NavusoftSync.Linking.OAuth;
using NavusoftSync.Linking.OAuth.Microsoft;

namespace NavusoftSync.Linking.Tests;

/// <summary>The Microsoft token client's reading of success and error answers (bodies as the identity platform documents them).</summary>
public sealed class MicrosoftTokenParsingTests
{
    [Fact]
    public void A_success_answer_is_a_grant()
    {
        var grant = MicrosoftIdentityClient.Parse(HttpStatusCode.OK, """
            {"token_type":"Bearer","scope":"Mail.Read Calendars.Read User.Read","expires_in":3599,"ext_expires_in":3599,
             "access_token":"eyJ0eXAi.access","refresh_token":"0.AAAA.refresh"}
            """);

        Assert.Equal(new TokenGrant("eyJ0eXAi.access", "0.AAAA.refresh", TimeSpan.FromSeconds(3599), "Mail.Read Calendars.Read User.Read", null), grant);
    }

    [Fact]
    public void Expires_in_as_a_string_is_read_too() =>
        Assert.Equal(TimeSpan.FromSeconds(120), MicrosoftIdentityClient.Parse(HttpStatusCode.OK, """{"access_token":"a","expires_in":"120"}""").ExpiresIn);

    [Fact]
    public void An_error_answer_keeps_the_error_the_first_line_of_the_description_and_the_codes()
    {
        var error = Assert.Throws<OAuthTokenException>(() => MicrosoftIdentityClient.Parse(HttpStatusCode.BadRequest, """
            {"error":"invalid_grant","error_description":"AADSTS70000: The provided value for the 'refresh_token' is not valid.\r\nTrace ID: 1\r\nCorrelation ID: 2",
             "error_codes":[70000],"timestamp":"2026-11-29 10:00:00Z","trace_id":"1","correlation_id":"2"}
            """));

        Assert.Equal(("invalid_grant", HttpStatusCode.BadRequest, 70000L), (error.Error, error.Status, error.FirstErrorCode));
        Assert.Equal("AADSTS70000: The provided value for the 'refresh_token' is not valid.", error.Description);
        Assert.True(error.RequiresReauthorization);
        Assert.True(error.IsRefusal);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"error":"interaction_required","error_codes":[50076]}""", true)]
    [InlineData(HttpStatusCode.Unauthorized, """{"error":"invalid_client","error_codes":[7000215]}""", false)]
    [InlineData(HttpStatusCode.ServiceUnavailable, """{"error":"temporarily_unavailable","error_codes":[90033]}""", false)]
    public void Only_a_dead_grant_requires_the_user(HttpStatusCode status, string body, bool reauth) =>
        Assert.Equal(reauth, Assert.Throws<OAuthTokenException>(() => MicrosoftIdentityClient.Parse(status, body)).RequiresReauthorization);

    [Theory]
    [InlineData(HttpStatusCode.BadGateway, "<html>Bad gateway</html>", "server_error")]
    [InlineData(HttpStatusCode.OK, "{}", "invalid_response")]
    [InlineData(HttpStatusCode.OK, "[1]", "invalid_response")]
    public void An_unreadable_answer_is_an_error_not_a_crash(HttpStatusCode status, string body, string expected) =>
        Assert.Equal(expected, Assert.Throws<OAuthTokenException>(() => MicrosoftIdentityClient.Parse(status, body)).Error);

    [Fact]
    public void Secrets_are_never_printed()
    {
        const string secret = "very-secret-token-value";
        string[] printed =
        [
            new TokenGrant(secret, secret, TimeSpan.FromHours(1), "s", secret).ToString(),
            new TokenSet(secret, secret).ToString(),
            new AccessTokenResult(AccessTokenOutcome.Granted, secret, DateTimeOffset.UnixEpoch, "google", "a@b.com", null).ToString(),
            new GetAccessToken("lnk_1", secret).ToString(),
            new NavusoftSync.Linking.Links.Completing.ConsumedAuthorization("p", "r", "u", "google", secret, "https://x").ToString(),
            new NavusoftSync.Linking.Links.Completing.CompleteLink(new("p", "r", "u", "google", secret, "https://x"), secret).ToString(),
        ];

        Assert.All(printed, p => Assert.DoesNotContain(secret, p, StringComparison.Ordinal));
    }
}

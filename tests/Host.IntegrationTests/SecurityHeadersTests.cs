using System.Net;
using System.Net.Http.Json;
using NavusoftSync.Testing;

namespace NavusoftSync.Host.IntegrationTests;

/// <summary>
/// Every kind of answer carries the security headers: API results, 401s, problem documents (404,
/// 400), the reference UI's files and the health probes.
/// </summary>
public sealed class SecurityHeadersTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    public static TheoryData<string, string, string?, HttpStatusCode> Answers => new()
    {
        { "api result", "/api/me/calendar?from=2026-01-01&to=2026-01-02", "user", HttpStatusCode.OK },
        { "401 without a token", "/api/me/links", null, HttpStatusCode.Unauthorized },
        { "403 problem", "/api/admin/projections", "user", HttpStatusCode.Forbidden },
        { "404 problem", "/api/nothing-here", "user", HttpStatusCode.NotFound },
        { "400 problem", "/api/me/calendar?from=yesterday&to=2026-01-02", "user", HttpStatusCode.BadRequest },
        { "static page", "/app/", null, HttpStatusCode.OK },
        { "static script", "/app/js/main.js", null, HttpStatusCode.OK },
        { "static 404", "/app/js/missing.js", null, HttpStatusCode.NotFound },
        { "health", "/health/live", null, HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Every_answer_carries_the_security_headers(string kind, string path, string? role, HttpStatusCode expected)
    {
        var client = role is null ? fixture.App.CreateClient() : fixture.ClientFor(Tokens.User("t-headers"));
        var response = await client.GetAsync(path);

        Assert.True(response.StatusCode == expected, $"{kind}: {response.StatusCode}");
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task The_reference_ui_needs_no_inline_script_or_style_under_that_policy()
    {
        var page = await fixture.App.CreateClient().GetStringAsync("/app/");
        Assert.DoesNotContain("<script>", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<script type=\"module\" src=\"js/main.js\"></script>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_problem_answer_for_a_bad_body_keeps_the_headers()
    {
        var response = await fixture.ClientFor(Tokens.Admin("t-headers")).PutAsync("/api/accounts/ACC-1", JsonContent.Create("not an account"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }
}

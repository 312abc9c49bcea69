using NavusoftSync.Testing;

namespace NavusoftSync.Calendar.IntegrationTests;

/// <summary>Bad input answers 400 problem+json with field errors, never 500.</summary>
public sealed class ValidationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly HttpClient _user = fixture.ClientFor(Tokens.User("tenant-v", "dana"));

    [Theory]
    [InlineData("?to=2026-11-30", "from")]
    [InlineData("?from=2026-11-01", "to")]
    [InlineData("?from=2026-13-01&to=2026-11-30", "from")]
    [InlineData("?from=2026-11-01&to=30.11.2026", "to")]
    [InlineData("?from=2026-11-1&to=2026-11-30", "from")]
    [InlineData("?from=2026-02-30&to=2026-03-30", "from")]
    [InlineData("?from=2026-11-30&to=2026-11-01", "to")]
    [InlineData("?from=2026-01-01&to=2027-01-02", "to")]
    [InlineData("?from=2026-11-01&to=2026-11-30&tz=Mars/Olympus_Mons", "tz")]
    [InlineData("?from=x&to=y&tz=nowhere", "from", "to", "tz")]
    [InlineData("?from=9999-12-31&to=9999-12-31", "from", "to")] // the day after it cannot be represented
    [InlineData("?from=0001-01-01&to=0001-01-31&tz=Asia/Tokyo", "from")] // it starts before the first instant
    public async Task A_bad_range_is_400_with_field_errors(string query, params string[] fields)
    {
        await _user.AssertValidationProblemAsync("/api/me/calendar" + query, fields);
        await _user.AssertValidationProblemAsync("/api/accounts/acc-1/calendar" + query, fields);
    }

    [Theory]
    [InlineData("2026-01-01", "2026-12-31")]
    [InlineData("2028-01-01", "2028-12-31")] // a leap year: 366 days
    [InlineData("2026-11-20", "2026-11-20")]
    public async Task A_range_of_up_to_366_days_is_fine(string from, string to) =>
        await _user.GetJsonAsync($"/api/me/calendar?from={from}&to={to}");

    [Theory]
    [InlineData("2026-11-31", null, "date")]
    [InlineData("20261120", null, "date")]
    [InlineData("yesterday", null, "date")]
    [InlineData("2026-11-20", "Europe/Atlantis", "tz")]
    [InlineData("9999-12-31", null, "date")]
    [InlineData("0001-01-01", "Pacific/Kiritimati", "date")]
    public async Task A_bad_day_is_400_with_field_errors(string date, string? tz, string field)
    {
        var query = tz is null ? string.Empty : $"?tz={tz}";
        await _user.AssertValidationProblemAsync($"/api/me/calendar/days/{date}{query}", field);
        await _user.AssertValidationProblemAsync($"/api/accounts/acc-1/calendar/days/{date}{query}", field);
    }

    [Fact]
    public async Task A_token_with_an_unknown_zone_and_no_tz_parameter_is_400_on_tz()
    {
        var client = fixture.ClientFor(Tokens.User("tenant-v", "dana", "Not/AZone"));
        await client.AssertValidationProblemAsync("/api/me/calendar?from=2026-11-01&to=2026-11-30", "tz");
        await client.GetJsonAsync("/api/me/calendar?from=2026-11-01&to=2026-11-30&tz=Europe/London");
    }
}

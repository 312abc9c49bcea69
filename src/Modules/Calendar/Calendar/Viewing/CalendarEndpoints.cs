using Carter;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;
using NavusoftSync.Calendar.Placement;

namespace NavusoftSync.Calendar.Viewing;

/// <summary>
/// The calendar calls of CONTRACT.md. A user reads only their own user calendar (the token's
/// <c>sub</c>) and any account calendar of their tenant. The zone is <c>tz</c>, else the token's
/// <c>tz</c> claim, else UTC.
/// </summary>
public sealed class CalendarEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Calendar").RequireAuthorization();
        api.MapGet("/me/calendar", MyRangeAsync).WithName("GetMyCalendar").ProducesValidationProblem();
        api.MapGet("/me/calendar/days/{date}", MyDayAsync).WithName("GetMyCalendarDay").ProducesValidationProblem();
        api.MapGet("/accounts/{accountId}/calendar", AccountRangeAsync).WithName("GetAccountCalendar").ProducesValidationProblem();
        api.MapGet("/accounts/{accountId}/calendar/days/{date}", AccountDayAsync).WithName("GetAccountCalendarDay").ProducesValidationProblem();
    }

    private static async Task<JsonHttpResult<CalendarRange>> MyRangeAsync(string? from, string? to, string? tz, ICurrentUser user, ISender sender, CancellationToken ct) =>
        TypedResults.Json(await sender.Send(new GetCalendarRange(CalendarOwnerKind.User, user.UserId, from, to, Zone(tz, user)), ct), CalendarJson.Default.CalendarRange);

    private static async Task<JsonHttpResult<CalendarDay>> MyDayAsync(string date, string? tz, ICurrentUser user, ISender sender, CancellationToken ct) =>
        TypedResults.Json(await sender.Send(new GetCalendarDay(CalendarOwnerKind.User, user.UserId, date, Zone(tz, user)), ct), CalendarJson.Default.CalendarDay);

    private static async Task<JsonHttpResult<CalendarRange>> AccountRangeAsync(
        string accountId, string? from, string? to, string? tz, ICurrentUser user, ISender sender, CancellationToken ct) =>
        TypedResults.Json(await sender.Send(new GetCalendarRange(CalendarOwnerKind.Account, accountId, from, to, Zone(tz, user)), ct), CalendarJson.Default.CalendarRange);

    private static async Task<JsonHttpResult<CalendarDay>> AccountDayAsync(
        string accountId, string date, string? tz, ICurrentUser user, ISender sender, CancellationToken ct) =>
        TypedResults.Json(await sender.Send(new GetCalendarDay(CalendarOwnerKind.Account, accountId, date, Zone(tz, user)), ct), CalendarJson.Default.CalendarDay);

    private static string Zone(string? tz, ICurrentUser user) =>
        !string.IsNullOrWhiteSpace(tz) ? tz : string.IsNullOrWhiteSpace(user.TimeZone) ? TimeZones.Utc : user.TimeZone;
}

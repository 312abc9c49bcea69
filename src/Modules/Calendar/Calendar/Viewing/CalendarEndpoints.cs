using Carter;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;
using NavusoftSync.Calendar.Placement;

namespace NavusoftSync.Calendar.Viewing;

/// <summary>
/// The calendar calls of CONTRACT.md. A user reads only their own user calendar (the token's
/// <c>sub</c>) and any account calendar of their tenant, each item as they may see it (its
/// <c>visibility</c>). The zone is <c>tz</c>, else the token's <c>tz</c> claim, else UTC.
/// </summary>
public sealed class CalendarEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Calendar").RequireAuthorization();
        api.MapGet("/me/calendar", MyRangeAsync).WithName("GetMyCalendar").Answers<CalendarRange>();
        api.MapGet("/me/calendar/days/{date}", MyDayAsync).WithName("GetMyCalendarDay").Answers<CalendarDay>();
        api.MapGet("/accounts/{accountId}/calendar", AccountRangeAsync).WithName("GetAccountCalendar").Answers<CalendarRange>();
        api.MapGet("/accounts/{accountId}/calendar/days/{date}", AccountDayAsync).WithName("GetAccountCalendarDay").Answers<CalendarDay>();
    }

    private static async Task<CalendarAnswerResult> MyRangeAsync(string? from, string? to, string? tz, ICurrentUser user, ISender sender, HttpRequest request, CancellationToken ct) =>
        new(await sender.Send(new GetCalendarRange(CalendarOwnerKind.User, user.UserId, user.UserId, from, to, Zone(tz, user), IfNoneMatch(request)), ct));

    private static async Task<CalendarAnswerResult> MyDayAsync(string date, string? tz, ICurrentUser user, ISender sender, HttpRequest request, CancellationToken ct) =>
        new(await sender.Send(new GetCalendarDay(CalendarOwnerKind.User, user.UserId, user.UserId, date, Zone(tz, user), IfNoneMatch(request)), ct));

    private static async Task<CalendarAnswerResult> AccountRangeAsync(
        string accountId, string? from, string? to, string? tz, ICurrentUser user, ISender sender, HttpRequest request, CancellationToken ct) =>
        new(await sender.Send(new GetCalendarRange(CalendarOwnerKind.Account, accountId, user.UserId, from, to, Zone(tz, user), IfNoneMatch(request)), ct));

    private static async Task<CalendarAnswerResult> AccountDayAsync(
        string accountId, string date, string? tz, ICurrentUser user, ISender sender, HttpRequest request, CancellationToken ct) =>
        new(await sender.Send(new GetCalendarDay(CalendarOwnerKind.Account, accountId, user.UserId, date, Zone(tz, user), IfNoneMatch(request)), ct));

    private static string? IfNoneMatch(HttpRequest request) => request.Headers.IfNoneMatch is { Count: > 0 } tags ? tags.ToString() : null;

    private static string Zone(string? tz, ICurrentUser user) =>
        !string.IsNullOrWhiteSpace(tz) ? tz : string.IsNullOrWhiteSpace(user.TimeZone) ? TimeZones.Utc : user.TimeZone;
}

internal static class CalendarRouteMetadata
{
    /// <summary>200 with the answer's JSON (written as bytes, so its schema is declared here), 304, 400 with field errors.</summary>
    public static RouteHandlerBuilder Answers<T>(this RouteHandlerBuilder route) =>
        route.Produces<T>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem();
}

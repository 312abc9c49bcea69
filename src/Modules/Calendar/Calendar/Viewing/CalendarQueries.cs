using FluentValidation;
using Mediator;
using NavusoftSync.BuildingBlocks.Time;
using NavusoftSync.Calendar.Placement;

namespace NavusoftSync.Calendar.Viewing;

/// <summary>Whose calendar: a user's (only ever the caller's own) or a customer account's.</summary>
internal enum CalendarOwnerKind
{
    User,
    Account,
}

/// <summary>
/// A date range of a calendar (<c>to</c> inclusive) in a time zone (already resolved: <c>tz</c>, else
/// the token's, else UTC), answered as <see cref="CalendarRange"/> JSON as <c>CallerId</c> (the token's
/// <c>sub</c>) may see it; <c>IfNoneMatch</c>: the entity tags the caller already holds (the request's
/// <c>If-None-Match</c>).
/// </summary>
internal sealed record GetCalendarRange(
    CalendarOwnerKind OwnerKind, string OwnerId, string CallerId, string? From, string? To, string? Tz, string? IfNoneMatch = null)
    : IQuery<CalendarAnswer>;

/// <summary>One date of a calendar (the "Events" list), answered as <see cref="CalendarDay"/> JSON.</summary>
internal sealed record GetCalendarDay(CalendarOwnerKind OwnerKind, string OwnerId, string CallerId, string? Date, string? Tz, string? IfNoneMatch = null)
    : IQuery<CalendarAnswer>;

internal sealed class GetCalendarRangeValidator : AbstractValidator<GetCalendarRange>
{
    public const int MaxDays = 366;

    public GetCalendarRangeValidator()
    {
        RuleFor(q => q.OwnerId).NotEmpty();
        RuleFor(q => q.CallerId).NotEmpty();
        RuleFor(q => q.From).NotEmpty().Must(BeADate).WithMessage("'from' must be a date (YYYY-MM-DD).").Must(BeInRange).WithMessage(OutOfRange("from"));
        RuleFor(q => q.To).NotEmpty().Must(BeADate).WithMessage("'to' must be a date (YYYY-MM-DD).").Must(BeInRange).WithMessage(OutOfRange("to"));
        RuleFor(q => q.Tz).Must(BeAZone).WithMessage("'tz' must be an IANA time zone (e.g. Europe/London).");
        When(q => IsoText.TryParseDate(q.From, out _) && IsoText.TryParseDate(q.To, out _), () =>
        {
            RuleFor(q => q.To).Must((q, to) => Date(to) >= Date(q.From)).WithMessage("'to' must not be before 'from'.");
            RuleFor(q => q.To).Must((q, to) => Date(to) < Date(q.From) || Date(to).DayNumber - Date(q.From).DayNumber + 1 <= MaxDays)
                .WithMessage($"The range may span at most {MaxDays} days.");
        });
    }

    internal static bool BeADate(string? text) => IsoText.TryParseDate(text, out _);

    /// <summary>A day whose start and next day are instants in every zone (the first and last dates are not).</summary>
    internal static bool BeInRange(string? text) => !IsoText.TryParseDate(text, out var date) || (date > DateOnly.MinValue && date < DateOnly.MaxValue);

    internal static string OutOfRange(string field) => $"'{field}' must lie between 0001-01-02 and 9999-12-30.";

    internal static bool BeAZone(string? id) => TimeZoneLookup.Find(id) is not null;

    private static DateOnly Date(string? text) => IsoText.TryParseDate(text, out var date) ? date : default;
}

internal sealed class GetCalendarDayValidator : AbstractValidator<GetCalendarDay>
{
    public GetCalendarDayValidator()
    {
        RuleFor(q => q.OwnerId).NotEmpty();
        RuleFor(q => q.CallerId).NotEmpty();
        RuleFor(q => q.Date).NotEmpty().Must(GetCalendarRangeValidator.BeADate).WithMessage("'date' must be a date (YYYY-MM-DD).")
            .Must(GetCalendarRangeValidator.BeInRange).WithMessage(GetCalendarRangeValidator.OutOfRange("date"));
        RuleFor(q => q.Tz).Must(GetCalendarRangeValidator.BeAZone).WithMessage("'tz' must be an IANA time zone (e.g. Europe/London).");
    }
}

using NavusoftSync.Calendar.Placement;

namespace NavusoftSync.Calendar.Projections;

/// <summary>
/// What entries an item should have: a content template (its dates from <see cref="CalendarDates"/>)
/// and the calendars it is on: each user holding it and each account it is matched to. An erased item is on none.
/// </summary>
internal static class CalendarPlacement
{
    public static (CalendarEntry? Template, IReadOnlyList<string> Owners) Of(EmailThreadView view)
    {
        var start = CalendarDates.StartOf(view);
        if (start.IsNone || view.Erasure is not null)
        {
            return (null, []);
        }

        var accounts = AccountIds(view.Accounts);
        var template = new CalendarEntry(
            string.Empty, string.Empty, ItemKinds.Text(ItemKind.Email), view.Id, view.Subject, start.At, start.Day, null, null, accounts, null,
            [.. view.HoldingUsers], view.IsMarkedPrivate());
        return (template, Owners(view.HoldingUsers, accounts));
    }

    public static (CalendarEntry? Template, IReadOnlyList<string> Owners) Of(AppointmentView view)
    {
        var start = CalendarDates.StartOf(view);
        if (start.IsNone || view.Erasure is not null)
        {
            return (null, []);
        }

        var end = CalendarDates.EndOf(view);
        var accounts = AccountIds(view.Accounts);
        var template = new CalendarEntry(
            string.Empty, string.Empty, ItemKinds.Text(ItemKind.Appointment), view.Id, view.Title, start.At, start.Day, end.At, end.Day,
            accounts, AppointmentStatuses.Text(view.Status), [.. view.HoldingUsers], view.IsMarkedPrivate());
        return (template, Owners(view.HoldingUsers, accounts));
    }

    private static List<string> AccountIds(IReadOnlyList<AccountMatch> accounts) => [.. accounts.Select(a => a.AccountId)];

    private static List<string> Owners(IEnumerable<string> users, IEnumerable<string> accounts) =>
        [.. users.Select(CalendarOwners.User).Concat(accounts.Select(CalendarOwners.Account)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}

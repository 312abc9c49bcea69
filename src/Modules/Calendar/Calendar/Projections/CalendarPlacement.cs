namespace NavusoftSync.Calendar.Projections;

/// <summary>What entries an item should have: a content template and the calendars it is on.</summary>
internal static class CalendarPlacement
{
    /// <summary>A thread sits where its first (earliest sent) message does; no messages, no entries.</summary>
    public static (CalendarEntry? Template, IReadOnlyList<string> Owners) Of(EmailThreadView view)
    {
        if (view.Messages.Count == 0)
        {
            return (null, []);
        }

        var accounts = AccountIds(view.Accounts);
        var template = new CalendarEntry(string.Empty, string.Empty, ItemKinds.Email, view.Id, view.Subject, view.StartedAt, null, null, null, accounts, null);
        return (template, Owners(view.HoldingUsers, accounts));
    }

    /// <summary>An appointment sits on its start: an instant, or (all-day) its own date.</summary>
    public static (CalendarEntry? Template, IReadOnlyList<string> Owners) Of(AppointmentView view)
    {
        var accounts = AccountIds(view.Accounts);
        var template = new CalendarEntry(
            string.Empty, string.Empty, ItemKinds.Appointment, view.Id, view.Title,
            view.Start.Instant, view.Start.Instant is null ? view.Start.Date?.DayNumber : null,
            view.End.Instant, view.End.Instant is null ? view.End.Date?.DayNumber : null,
            accounts, view.Status);
        if (template.StartAt is null && template.StartDay is null)
        {
            return (null, []);
        }

        return (template, Owners(view.HoldingUsers, accounts));
    }

    private static List<string> AccountIds(IReadOnlyList<AccountMatch> accounts) => [.. accounts.Select(a => a.AccountId)];

    private static List<string> Owners(IEnumerable<string> users, IEnumerable<string> accounts) =>
        [.. users.Select(CalendarOwners.User).Concat(accounts.Select(CalendarOwners.Account)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}

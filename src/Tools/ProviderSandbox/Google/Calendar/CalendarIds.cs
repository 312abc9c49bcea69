using NavusoftSync.Tools.ProviderSandbox.Google.Shared;
using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.Google.Calendar;

internal static class CalendarIds
{
    /// <summary>A mailbox has one calendar: <c>primary</c>, also addressable by the owner's e-mail address.</summary>
    public static IResult? Check(Mailbox mailbox, string calendarId) =>
        calendarId.Equals("primary", StringComparison.Ordinal) || calendarId.Equals(mailbox.Email, StringComparison.OrdinalIgnoreCase)
            ? null
            : GoogleApiErrors.NotFound("Not Found");
}

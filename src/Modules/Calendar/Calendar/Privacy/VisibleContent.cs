using NavusoftSync.Calendar.Projections;
using NavusoftSync.Synchronization.Contracts.Privacy;

namespace NavusoftSync.Calendar.Privacy;

/// <summary>
/// What each visibility level shows of an item, on calendars and in details (which level a caller gets is
/// <see cref="VisibilityRules.For"/>): <c>full</c> everything; <c>subject</c> no bodies, snippets or description;
/// <c>metadata</c> neither the subject/title ("Email"/"Appointment") nor the location; <c>private</c> the title
/// "Private email"/"Private appointment" and no people either, only the item's kind, ids, times, status and account
/// ids. An unknown level shows what <c>metadata</c> shows (<see cref="Visibility.Rank"/>), never more.
/// </summary>
internal static class VisibleContent
{
    public const string EmailTitle = "Email";
    public const string AppointmentTitle = "Appointment";
    public const string PrivateEmailTitle = "Private email";
    public const string PrivateAppointmentTitle = "Private appointment";

    private static readonly string EmailKind = ItemKinds.Text(ItemKind.Email);

    /// <summary>The title shown of an item of <paramref name="kind"/> (its entries' text: <c>email</c>/<c>appointment</c>).</summary>
    public static string Title(string kind, string title, string level)
    {
        if (ShowsTitle(level))
        {
            return title;
        }

        var email = kind == EmailKind;
        return ShowsPeople(level) ? (email ? EmailTitle : AppointmentTitle) : (email ? PrivateEmailTitle : PrivateAppointmentTitle);
    }

    public static string Title(ItemKind kind, string title, string level) => Title(ItemKinds.Text(kind), title, level);

    /// <summary>Subject or title, and an appointment's location: <c>full</c> and <c>subject</c>.</summary>
    public static bool ShowsTitle(string level) => Visibility.Rank(level) <= Visibility.Rank(Visibility.Subject);

    /// <summary>Bodies, snippets and descriptions: <c>full</c> only.</summary>
    public static bool ShowsBodies(string level) => Visibility.Rank(level) == Visibility.Rank(Visibility.Full);

    /// <summary>Participants, organizer, attendees, messages and matched contact addresses: every level but <c>private</c>.</summary>
    public static bool ShowsPeople(string level) => Visibility.Rank(level) < Visibility.Rank(Visibility.Private);
}

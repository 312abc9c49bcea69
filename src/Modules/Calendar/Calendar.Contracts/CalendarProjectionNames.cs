namespace NavusoftSync.Calendar.Contracts;

/// <summary>
/// The names under which the Calendar module registers its async projections, so a rebuild (the
/// admin endpoint, the command line, tests) can name them without knowing the implementation.
/// </summary>
public static class CalendarProjectionNames
{
    /// <summary>Email thread views, appointment views and the user/account calendar entries.</summary>
    public const string Calendar = "calendar";

    public static readonly IReadOnlyList<string> All = [Calendar];
}

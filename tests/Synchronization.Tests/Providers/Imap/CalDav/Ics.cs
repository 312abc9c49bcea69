namespace NavusoftSync.Synchronization.Tests.Providers.Imap.CalDav;

/// <summary>iCalendar texts for the tests: one VCALENDAR around the given components, CRLF line ends.</summary>
internal static class Ics
{
    public static string Calendar(params string[] components) =>
        string.Join("\r\n", ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//NavusoftSync tests//EN", .. components.SelectMany(c => c.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0)), "END:VCALENDAR", string.Empty]);

    public static string Event(string uid, string start, string end, string summary = "Planning", params string[] more) =>
        string.Join("\n", ["BEGIN:VEVENT", $"UID:{uid}", "DTSTAMP:20261101T000000Z", start, end, $"SUMMARY:{summary}", .. more, "END:VEVENT"]);

    public const string BerlinZone = """
        BEGIN:VTIMEZONE
        TZID:Europe/Berlin
        BEGIN:DAYLIGHT
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        TZNAME:CEST
        DTSTART:19700329T020000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        TZNAME:CET
        DTSTART:19701025T030000
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
        END:STANDARD
        END:VTIMEZONE
        """;
}

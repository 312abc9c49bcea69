using NavusoftSync.BuildingBlocks.Auth;
using NavusoftSync.Testing;
using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Ui.BrowserTests.Infrastructure;

/// <summary>
/// The tenant, users and mailboxes of the browser tests, dated from today in Chicago so they sit in
/// the sync windows: on <see cref="BusyDay"/> Dana has two email threads and an appointment
/// ("Events"), on <see cref="EmailDay"/> one email, on <see cref="AppointmentDay"/> one appointment.
/// </summary>
public sealed class UiScenario(DateTimeOffset now)
{
    public const string Tenant = "ui-hauler";
    public const string TimeZone = "America/Chicago";
    public const string DanaMailbox = "dana@hauler.onmicrosoft.com";
    public const string LeeMailbox = "lee@hauler.onmicrosoft.com";
    public const string SamMailbox = "sam.hauler@gmail.com";
    public const string RobinMailbox = "robin@hauler.onmicrosoft.com";
    public const string Pat = "pat@greenfield.example";
    public const string Ops = "ops@riverside.example";

    /// <summary>Dana's calendar items: two threads and one appointment on the busy day, one email, one appointment.</summary>
    public const int DanaItems = 5;

    public static readonly TokenRequest Dana = new("dana", Tenant, DanaMailbox, "Dana Dispatcher", "user", TimeZone);
    public static readonly TokenRequest Lee = new("lee", Tenant, LeeMailbox, "Lee Loader", "user", TimeZone);
    public static readonly TokenRequest Sam = new("sam", Tenant, SamMailbox, "Sam Sales", "user", TimeZone);
    public static readonly TokenRequest Robin = new("robin", Tenant, RobinMailbox, "Robin Router", "user", TimeZone);

    /// <summary>A user with no mailbox linked: holds nothing, so sees colleagues' items as their settings allow.</summary>
    public static readonly TokenRequest Kim = new("kim", Tenant, "kim@hauler.example", "Kim Coordinator", "user", TimeZone);

    /// <summary>Users who link password (IMAP/CalDAV) mailboxes of the real Dovecot and Radicale (<c>TestMailbox</c>).</summary>
    public static readonly TokenRequest Jo = new("jo", Tenant, "jo@hauler.example", "Jo Office", "user", TimeZone);

    public static readonly TokenRequest Casey = new("casey", Tenant, "casey@hauler.example", "Casey Clerk", "user", TimeZone);

    public static readonly TokenRequest Drew = new("drew", Tenant, "drew@hauler.example", "Drew Driver", "user", TimeZone);

    /// <summary>The tenant's administrator (sets the organization's privacy policy).</summary>
    public static readonly TokenRequest Alex = new("alex", Tenant, "alex@hauler.example", "Alex Admin", "admin", TimeZone);

    public static readonly IReadOnlyList<(string AccountId, string Name, (string ContactId, string Name, string Email)[] Contacts)> Accounts =
    [
        ("ACC-1", "Greenfield Apartments", [("c-pat", "Pat Greenfield", Pat)]),
        ("ACC-2", "Riverside Storage", [("c-ops", "Riverside Ops", Ops)]),
    ];

    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public DateOnly Today { get; } = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Chicago).DateTime);

    public DateOnly BusyDay => Today.AddDays(-2);

    public DateOnly AppointmentDay => Today.AddDays(-3);

    public DateOnly EmailDay => Today.AddDays(-4);

    public const string SwapSubject = "Dumpster swap request";
    public const string GateSubject = "Gate code for Riverside";
    public const string SiteVisitTitle = "Site visit at Greenfield";
    public const string InvoiceSubject = "Invoice 4411 question";
    public const string ReviewTitle = "Quarterly service review";
    public const string LeeSubject = "Container pickup time";
    public const string SamSubject = "Brochure for the new units";
    public const string RobinSubject = "Pallet count for Riverside";

    /// <summary>The provider id of Robin's message whose dates no client can read: every run skips it.</summary>
    public const string RobinBrokenId = "robin-broken-dates";

    /// <summary>An instant at a local Chicago time of a date.</summary>
    public static DateTimeOffset At(DateOnly date, int hour, int minute = 0)
    {
        var local = date.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, Chicago.GetUtcOffset(local));
    }

    public IEnumerable<ScenarioMailbox> Mailboxes()
    {
        yield return new ScenarioMailbox
        {
            Email = DanaMailbox,
            Provider = SandboxProvider.Microsoft,
            DisplayName = "Dana Dispatcher",
            Messages =
            [
                new ScenarioMessage
                {
                    Thread = "swap", Subject = SwapSubject, From = $"Pat Greenfield <{Pat}>", To = [DanaMailbox], SentAt = At(BusyDay, 9, 15),
                    Body = "Hi Dana,\nCould you swap the 20-yard dumpster at building C on Friday?\nThanks, Pat",
                },
                new ScenarioMessage
                {
                    Thread = "swap", Subject = "RE: " + SwapSubject, From = $"Dana Dispatcher <{DanaMailbox}>", To = [Pat], SentAt = At(BusyDay, 10, 5),
                    Body = "Hi Pat,\nFriday morning works. The driver will call ahead.\nDana",
                },
                new ScenarioMessage
                {
                    Subject = GateSubject, From = $"Riverside Ops <{Ops}>", To = [DanaMailbox], Cc = [Pat], SentAt = At(BusyDay, 11, 30),
                    Body = "The new gate code is 4471#.",
                },
                new ScenarioMessage
                {
                    Subject = InvoiceSubject, From = $"Riverside Ops <{Ops}>", To = [DanaMailbox], SentAt = At(EmailDay, 16, 0),
                    Body = "Hello,\nInvoice 4411 lists two pickups on the 3rd; we had one.\nRegards",
                },
                new ScenarioMessage
                {
                    Subject = "Lunch on Friday?", From = "Friend <friend@elsewhere.example>", To = [DanaMailbox], SentAt = At(BusyDay, 12, 0),
                    Body = "Not about any customer: never synced.",
                },
            ],
            Events =
            [
                new ScenarioEvent
                {
                    Subject = SiteVisitTitle, Location = "12 Elm St, Building C", Start = At(BusyDay, 14), End = At(BusyDay, 15), TimeZone = TimeZone,
                    Organizer = $"Dana Dispatcher <{DanaMailbox}>", Body = "Walk the enclosure with Pat.",
                    Attendees =
                    [
                        new ScenarioAttendee { Address = Pat, Name = "Pat Greenfield", Response = AttendeeResponse.Accepted },
                        new ScenarioAttendee { Address = LeeMailbox, Name = "Lee Loader", Response = AttendeeResponse.TentativelyAccepted },
                    ],
                },
                new ScenarioEvent
                {
                    Subject = ReviewTitle, Location = "Riverside office", Start = At(AppointmentDay, 10), End = At(AppointmentDay, 11), TimeZone = TimeZone,
                    Organizer = $"Riverside Ops <{Ops}>",
                    Attendees = [new ScenarioAttendee { Address = DanaMailbox, Name = "Dana Dispatcher", Response = AttendeeResponse.Declined }],
                },
            ],
        };
        yield return new ScenarioMailbox
        {
            Email = LeeMailbox,
            Provider = SandboxProvider.Microsoft,
            DisplayName = "Lee Loader",
            Messages = [new ScenarioMessage { Subject = LeeSubject, From = $"Pat Greenfield <{Pat}>", To = [LeeMailbox], SentAt = At(Today.AddDays(-1), 8, 0), Body = "What time is the pickup?" }],
        };
        yield return new ScenarioMailbox
        {
            Email = SamMailbox,
            Provider = SandboxProvider.Google,
            DisplayName = "Sam Sales",
            Messages = [new ScenarioMessage { Subject = SamSubject, From = $"Riverside Ops <{Ops}>", To = [SamMailbox], SentAt = At(Today.AddDays(-1), 9, 0), Body = "Please send the brochure." }],
        };
        yield return RobinsMailbox();
    }

    /// <summary>
    /// Robin's mailbox, linked by the runs test after Robin blocks <c>@greenfield.example</c>: one message from Riverside
    /// (recorded), one from Pat of Greenfield (filtered by Robin's blocklist), one with unreadable dates (skipped).
    /// </summary>
    private ScenarioMailbox RobinsMailbox() => new()
    {
        Email = RobinMailbox,
        Provider = SandboxProvider.Microsoft,
        DisplayName = "Robin Router",
        Messages =
        [
            new ScenarioMessage { Subject = RobinSubject, From = $"Riverside Ops <{Ops}>", To = [RobinMailbox], SentAt = At(Today.AddDays(-1), 7, 0), Body = "We count 14 pallets." },
            new ScenarioMessage { Subject = "Greenfield newsletter", From = $"Pat Greenfield <{Pat}>", To = [RobinMailbox], SentAt = At(Today.AddDays(-1), 7, 30), Body = "Blocked by Robin." },
            new ScenarioMessage { Id = RobinBrokenId, Subject = "Broken dates", From = $"Riverside Ops <{Ops}>", To = [RobinMailbox], SentAt = At(Today.AddDays(-1), 8, 0), InvalidDates = true },
        ],
    };

    public static string Month(DateOnly date) => date.ToString("yyyy-MM");

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd");
}

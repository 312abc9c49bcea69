namespace NavusoftSync.Synchronization.Runs.Planning;

/// <summary>How a whole-window mail read is done (<c>Sync:FirstSyncPlan</c>): decided per read, always scanned, or planned.</summary>
internal enum FirstSyncPlanMode
{
    Auto,
    Scan,
    Planned,
}

/// <summary>What a whole-window mail read does: list and read every message of the window, or search by contact address.</summary>
internal enum FirstSyncChoice
{
    Scan,
    Planned,
}

/// <summary>
/// The tenant's contact addresses as a whole-window mail read sees them (read after the store's high-water mark, so a
/// contact added later gets the usual look-back). <see cref="Complete"/> is false when the list was cut off at
/// <see cref="FirstSyncPlanner.MaxPlannedContacts"/> (auto only): so many contacts always scan.
/// </summary>
internal sealed record FirstSyncContacts(FirstSyncPlanMode Mode, IReadOnlyList<string> Addresses, bool Complete);

/// <summary>
/// What the choice is made from: the window's message count as the provider estimates it, the list page size, the
/// contacts, how many searches carry them all, and whether every address can go into a search unaltered.
/// </summary>
internal sealed record FirstSyncFacts(int WindowMessages, int PageSize, FirstSyncContacts Contacts, int Searches, bool EveryAddressSearchable);

/// <summary>
/// The pure rule choosing a whole-window Gmail read's plan, in Gmail quota units (<c>messages.list</c> and
/// <c>messages.get</c> cost 5 each). Scanning lists the window and reads every message once. Planning lists each
/// search (at least one page) and reads each matched message once. How many messages involve a contact is unknown
/// before searching; the rule assumes <see cref="AssumedMatchedShare"/> of them do (none with no contacts), so planning
/// is chosen only where it pays even when half the mailbox is customer mail. A contact address no search can carry
/// unaltered, or a contact list cut off (tens of thousands of contacts), always scans: a planned read would miss mail.
/// </summary>
internal static class FirstSyncPlanner
{
    public const int ListUnits = 5;
    public const int GetUnits = 5;
    public const double AssumedMatchedShare = 0.5;

    /// <summary>Contact addresses above which <see cref="FirstSyncPlanMode.Auto"/> scans without estimating.</summary>
    public const int MaxPlannedContacts = 10_000;

    public static FirstSyncChoice Decide(FirstSyncFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (!facts.EveryAddressSearchable || !facts.Contacts.Complete)
        {
            return FirstSyncChoice.Scan;
        }

        return facts.Contacts.Mode switch
        {
            FirstSyncPlanMode.Scan => FirstSyncChoice.Scan,
            FirstSyncPlanMode.Planned => FirstSyncChoice.Planned,
            _ when facts.Contacts.Addresses.Count > MaxPlannedContacts => FirstSyncChoice.Scan,
            _ => PlannedUnits(facts) < ScanUnits(facts) ? FirstSyncChoice.Planned : FirstSyncChoice.Scan,
        };
    }

    /// <summary>Every page of the window listed, every message read.</summary>
    public static long ScanUnits(FirstSyncFacts facts) =>
        Pages(facts.WindowMessages, facts.PageSize) * ListUnits + (long)Math.Max(0, facts.WindowMessages) * GetUnits;

    /// <summary>Every search listed once, the expected matched messages' further pages listed, each of them read once.</summary>
    public static long PlannedUnits(FirstSyncFacts facts)
    {
        var matched = facts.Contacts.Addresses.Count == 0 ? 0 : (long)Math.Ceiling(Math.Max(0, facts.WindowMessages) * AssumedMatchedShare);
        var furtherPages = matched == 0 ? 0 : Math.Max(0, Pages(matched, facts.PageSize) - facts.Searches);
        return ((long)facts.Searches + furtherPages) * ListUnits + matched * GetUnits;
    }

    private static long Pages(long messages, int pageSize) => Math.Max(1, (messages + Math.Max(1, pageSize) - 1) / Math.Max(1, pageSize));
}

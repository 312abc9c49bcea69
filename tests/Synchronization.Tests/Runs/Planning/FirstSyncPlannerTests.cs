using NavusoftSync.Synchronization.Runs.Planning;

namespace NavusoftSync.Synchronization.Tests.Runs.Planning;

/// <summary>The whole-window Gmail read's plan: planned where searching contacts costs fewer quota units than scanning, scanned otherwise or when unsafe.</summary>
public sealed class FirstSyncPlannerTests
{
    private static FirstSyncContacts Contacts(FirstSyncPlanMode mode, int count, bool complete = true) =>
        new(mode, [.. Enumerable.Range(0, count).Select(i => $"c{i}@customer.example")], complete);

    private static FirstSyncFacts Facts(int messages, FirstSyncContacts contacts, int searches, bool searchable = true, int pageSize = 500) =>
        new(messages, pageSize, contacts, searches, searchable);

    [Fact]
    public void The_benchmark_mailbox_is_planned_at_half_the_units_of_a_scan_even_if_half_its_mail_involved_contacts()
    {
        var facts = Facts(50_000, Contacts(FirstSyncPlanMode.Auto, 2_000), searches: 67);

        Assert.Equal(FirstSyncChoice.Planned, FirstSyncPlanner.Decide(facts));
        Assert.Equal(250_500, FirstSyncPlanner.ScanUnits(facts)); // 100 pages listed, 50,000 messages read
        Assert.Equal(125_335, FirstSyncPlanner.PlannedUnits(facts)); // 67 searches, 25,000 messages read
    }

    [Fact]
    public void A_tenant_without_contacts_is_planned_and_the_plan_costs_nothing()
    {
        var facts = Facts(0, Contacts(FirstSyncPlanMode.Auto, 0), searches: 0);

        Assert.Equal(FirstSyncChoice.Planned, FirstSyncPlanner.Decide(facts));
        Assert.Equal(0, FirstSyncPlanner.PlannedUnits(facts));
    }

    [Fact]
    public void Tens_of_thousands_of_contacts_scan_whether_the_list_was_cut_off_or_read_in_full()
    {
        Assert.Equal(FirstSyncChoice.Scan, FirstSyncPlanner.Decide(Facts(1_000_000, Contacts(FirstSyncPlanMode.Auto, 10_001, complete: false), searches: 0)));
        Assert.Equal(FirstSyncChoice.Scan, FirstSyncPlanner.Decide(Facts(1_000_000, Contacts(FirstSyncPlanMode.Auto, 10_001), searches: 358)));
    }

    [Fact]
    public void A_small_mailbox_with_many_searches_scans()
    {
        // 20 messages: a scan costs 105 units; 12 searches alone cost 60, and half the mail read 50 more.
        var facts = Facts(20, Contacts(FirstSyncPlanMode.Auto, 330), searches: 12, pageSize: 50);

        Assert.Equal(FirstSyncChoice.Scan, FirstSyncPlanner.Decide(facts));
        Assert.Equal(105, FirstSyncPlanner.ScanUnits(facts));
        Assert.Equal(110, FirstSyncPlanner.PlannedUnits(facts));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_contact_address_no_search_can_carry_scans_whatever_the_configuration(bool planned) =>
        Assert.Equal(
            FirstSyncChoice.Scan,
            FirstSyncPlanner.Decide(Facts(50_000, Contacts(planned ? FirstSyncPlanMode.Planned : FirstSyncPlanMode.Auto, 2_000), searches: 0, searchable: false)));

    [Fact]
    public void The_configuration_overrides_the_costs()
    {
        Assert.Equal(FirstSyncChoice.Scan, FirstSyncPlanner.Decide(Facts(50_000, Contacts(FirstSyncPlanMode.Scan, 2_000), searches: 67)));
        Assert.Equal(FirstSyncChoice.Planned, FirstSyncPlanner.Decide(Facts(20, Contacts(FirstSyncPlanMode.Planned, 330), searches: 12, pageSize: 50)));
        Assert.Equal(FirstSyncChoice.Planned, FirstSyncPlanner.Decide(Facts(1_000, Contacts(FirstSyncPlanMode.Planned, 20_000), searches: 700)));
    }

    [Fact]
    public void Further_pages_of_a_search_with_many_matches_are_counted()
    {
        // 10,000 messages, half expected matched: 5,000 over pages of 50 = 100 pages for 2 searches, so 98 more lists.
        var facts = Facts(10_000, Contacts(FirstSyncPlanMode.Auto, 40), searches: 2, pageSize: 50);

        Assert.Equal(25_500, FirstSyncPlanner.PlannedUnits(facts));
        Assert.Equal(51_000, FirstSyncPlanner.ScanUnits(facts));
    }
}

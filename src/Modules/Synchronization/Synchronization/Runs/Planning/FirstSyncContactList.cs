using Mediator;
using NavusoftSync.ContactDirectory.Contracts;

namespace NavusoftSync.Synchronization.Runs.Planning;

/// <summary>
/// The tenant's contact addresses for a whole-window mail read that may be planned (<see cref="ListContactEmails"/>,
/// a page at a time). Auto stops once more than <see cref="FirstSyncPlanner.MaxPlannedContacts"/> are read (it will scan);
/// planned reads them all; scan reads none.
/// </summary>
internal static class FirstSyncContactList
{
    public static async Task<FirstSyncContacts> ReadAsync(ISender sender, FirstSyncPlanMode mode, CancellationToken cancellationToken)
    {
        if (mode == FirstSyncPlanMode.Scan)
        {
            return new FirstSyncContacts(mode, [], Complete: true);
        }

        var addresses = new List<string>();
        string? after = null;
        do
        {
            var page = await sender.Send(new ListContactEmails(after), cancellationToken);
            addresses.AddRange(page.Emails);
            after = page.Next;
            if (mode == FirstSyncPlanMode.Auto && addresses.Count > FirstSyncPlanner.MaxPlannedContacts)
            {
                return new FirstSyncContacts(mode, addresses, Complete: false);
            }
        }
        while (after is not null);

        return new FirstSyncContacts(mode, addresses, Complete: true);
    }
}

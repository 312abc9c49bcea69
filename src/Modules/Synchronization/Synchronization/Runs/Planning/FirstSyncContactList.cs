using Mediator;
using NavusoftSync.ContactDirectory.Contracts;

namespace NavusoftSync.Synchronization.Runs.Planning;

/// <summary>
/// The tenant's contact addresses for a whole-window mail read that may be planned (<see cref="ListContactEmails"/>,
/// a page at a time), read when the round starts reading. Auto stops once more than
/// <see cref="FirstSyncPlanner.MaxPlannedContacts"/> are read (it will scan); planned reads them all. A configuration
/// that scans builds none (<see cref="Rounds.RunRounds"/>).
/// </summary>
internal sealed class FirstSyncContactList(ISender sender, FirstSyncPlanMode mode)
{
    public async Task<FirstSyncContacts> ReadAsync(CancellationToken cancellationToken)
    {
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

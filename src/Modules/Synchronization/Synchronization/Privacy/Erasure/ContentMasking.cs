using Marten.Events;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Privacy.Erasure;

/// <summary>
/// How each recorded event that carries content is masked when its item is erased (Marten's event data masking rewrites
/// the stored events in place): subjects and titles become empty, bodies, snippets, descriptions and locations null,
/// people (from, to, cc, organizer, attendees, matched contact addresses) empty. Types, keys, times and holders stay.
/// </summary>
internal static class ContentMasking
{
    public static void Register(IEventStoreOptions events)
    {
        events.AddMaskingRuleForProtectedInformation<ThreadMessageRecorded>(e =>
            e with { Subject = string.Empty, From = null, To = [], Cc = [], Snippet = null, BodyText = null });
        events.AddMaskingRuleForProtectedInformation<ThreadAccountMatched>(e => e with { MatchedContacts = [] });
        events.AddMaskingRuleForProtectedInformation<AppointmentScheduled>(e =>
            e with { Title = string.Empty, Location = null, Organizer = null, Attendees = [], Description = null });
        events.AddMaskingRuleForProtectedInformation<AppointmentDetailsChanged>(e => e with { Title = string.Empty, Location = null, Description = null });
        events.AddMaskingRuleForProtectedInformation<AppointmentAttendeesChanged>(e => e with { Organizer = null, Attendees = [] });
        events.AddMaskingRuleForProtectedInformation<AppointmentAccountMatched>(e => e with { MatchedContacts = [] });
    }
}

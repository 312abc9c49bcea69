using JasperFx.Events;
using Marten.Events.Aggregation;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Threads;

/// <summary>The inline snapshot of a thread stream, evolved by <see cref="EmailThread.Fold"/> and nothing else.</summary>
internal sealed class EmailThreadProjection : SingleStreamProjection<EmailThread, string>
{
    public EmailThreadProjection()
    {
        IncludeType<ThreadMessageRecorded>();
        IncludeType<ThreadMessageHeld>();
        IncludeType<ThreadMessageReleased>();
        IncludeType<ThreadAccountMatched>();
        IncludeType<ThreadAccountUnmatched>();
        IncludeType<ThreadMarkedPrivate>();
        IncludeType<ThreadErased>();
    }

    public override EmailThread? Evolve(EmailThread? snapshot, string id, IEvent e) => EmailThread.Fold(snapshot, e.Data);
}

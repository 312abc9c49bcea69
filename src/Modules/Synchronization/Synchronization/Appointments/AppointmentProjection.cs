using JasperFx.Events;
using Marten.Events.Aggregation;
using NavusoftSync.Synchronization.Contracts.Recorded;

namespace NavusoftSync.Synchronization.Appointments;

/// <summary>The inline snapshot of an appointment stream, evolved by <see cref="Appointment.Fold"/> and nothing else.</summary>
internal sealed class AppointmentProjection : SingleStreamProjection<Appointment, string>
{
    public AppointmentProjection()
    {
        IncludeType<AppointmentScheduled>();
        IncludeType<AppointmentRescheduled>();
        IncludeType<AppointmentDetailsChanged>();
        IncludeType<AppointmentAttendeesChanged>();
        IncludeType<AppointmentCancelled>();
        IncludeType<AppointmentReinstated>();
        IncludeType<AppointmentHeld>();
        IncludeType<AppointmentReleased>();
        IncludeType<AppointmentAccountMatched>();
        IncludeType<AppointmentAccountUnmatched>();
        IncludeType<AppointmentMarkedPrivate>();
        IncludeType<AppointmentErased>();
    }

    public override Appointment? Evolve(Appointment? snapshot, string id, IEvent e) => Appointment.Fold(snapshot, e.Data);
}

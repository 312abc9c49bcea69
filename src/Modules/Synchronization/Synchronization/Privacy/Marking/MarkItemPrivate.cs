using FluentValidation;
using Marten;
using Mediator;
using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.Synchronization.Appointments;
using NavusoftSync.Synchronization.Threads;

namespace NavusoftSync.Synchronization.Privacy.Marking;

/// <summary>A user whose mailbox holds the thread marks it private (or not). Anyone else: the thread is not found.</summary>
internal sealed record MarkThreadPrivate(string ThreadId, string UserId, bool? Private) : ICommand<bool>;

/// <summary>A user whose calendar holds the appointment marks it private (or not). Anyone else: it is not found.</summary>
internal sealed record MarkAppointmentPrivate(string AppointmentId, string UserId, bool? Private) : ICommand<bool>;

internal sealed class MarkThreadPrivateValidator : AbstractValidator<MarkThreadPrivate>
{
    public MarkThreadPrivateValidator()
    {
        RuleFor(c => c.ThreadId).NotEmpty().MaximumLength(ItemIds.MaxLength).OverridePropertyName("threadId");
        RuleFor(c => c.Private).NotNull().WithMessage("Give private: true or false.").OverridePropertyName("private");
    }
}

internal sealed class MarkAppointmentPrivateValidator : AbstractValidator<MarkAppointmentPrivate>
{
    public MarkAppointmentPrivateValidator()
    {
        RuleFor(c => c.AppointmentId).NotEmpty().MaximumLength(ItemIds.MaxLength).OverridePropertyName("appointmentId");
        RuleFor(c => c.Private).NotNull().WithMessage("Give private: true or false.").OverridePropertyName("private");
    }
}

/// <summary>The bound on item ids in paths (stream keys are far shorter).</summary>
internal static class ItemIds
{
    public const int MaxLength = 200;
}

internal sealed class MarkThreadPrivateHandler(IDocumentSession session, TimeProvider clock) : ICommandHandler<MarkThreadPrivate, bool>
{
    public async ValueTask<bool> Handle(MarkThreadPrivate command, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<EmailThread>(command.ThreadId, cancellationToken);
        if (stream.Aggregate is not { Erased: false } thread || !thread.IsHeldBy(command.UserId))
        {
            throw DomainException.NotFound("Email thread", command.ThreadId);
        }

        stream.AppendMany(ThreadDecisions.MarkPrivate(thread, command.UserId, command.Private!.Value, clock.GetUtcNow()));
        return command.Private.Value;
    }
}

internal sealed class MarkAppointmentPrivateHandler(IDocumentSession session, TimeProvider clock) : ICommandHandler<MarkAppointmentPrivate, bool>
{
    public async ValueTask<bool> Handle(MarkAppointmentPrivate command, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<Appointment>(command.AppointmentId, cancellationToken);
        if (stream.Aggregate is not { Erased: false } appointment || !appointment.IsHeldBy(command.UserId))
        {
            throw DomainException.NotFound("Appointment", command.AppointmentId);
        }

        stream.AppendMany(AppointmentDecisions.MarkPrivate(appointment, command.UserId, command.Private!.Value, clock.GetUtcNow()));
        return command.Private.Value;
    }
}

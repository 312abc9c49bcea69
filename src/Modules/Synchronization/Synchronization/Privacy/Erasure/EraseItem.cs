using FluentValidation;
using Mediator;
using NavusoftSync.BuildingBlocks.Domain;
using NavusoftSync.Synchronization.Privacy.Marking;

namespace NavusoftSync.Synchronization.Privacy.Erasure;

/// <summary>An admin erases a thread for good: its content leaves the event store; who, when and why stay.</summary>
internal sealed record EraseThread(string ThreadId, string? Reason, string AdminId) : ICommand;

/// <summary>An admin erases an appointment for good (see <see cref="EraseThread"/>).</summary>
internal sealed record EraseAppointment(string AppointmentId, string? Reason, string AdminId) : ICommand;

/// <summary>The reason an admin gives for an erasure: required, one bounded line of text.</summary>
internal static class ErasureReasons
{
    public const int MaxLength = 500;

    public static IRuleBuilderOptions<T, string?> ValidReason<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Give the reason for the erasure.")
            .MaximumLength(MaxLength).WithMessage($"The reason is at most {MaxLength} characters.");
}

internal sealed class EraseThreadValidator : AbstractValidator<EraseThread>
{
    public EraseThreadValidator()
    {
        RuleFor(c => c.ThreadId).NotEmpty().MaximumLength(ItemIds.MaxLength).OverridePropertyName("threadId");
        RuleFor(c => c.Reason).ValidReason().OverridePropertyName("reason");
    }
}

internal sealed class EraseAppointmentValidator : AbstractValidator<EraseAppointment>
{
    public EraseAppointmentValidator()
    {
        RuleFor(c => c.AppointmentId).NotEmpty().MaximumLength(ItemIds.MaxLength).OverridePropertyName("appointmentId");
        RuleFor(c => c.Reason).ValidReason().OverridePropertyName("reason");
    }
}

internal sealed class EraseThreadHandler(ItemEraser eraser) : ICommandHandler<EraseThread>
{
    public async ValueTask<Unit> Handle(EraseThread command, CancellationToken cancellationToken) =>
        await eraser.EraseThreadAsync(command.ThreadId, new ItemErasure(command.AdminId, command.Reason!.Trim(), Final: true), cancellationToken)
            ? Unit.Value
            : throw DomainException.NotFound("Email thread", command.ThreadId);
}

internal sealed class EraseAppointmentHandler(ItemEraser eraser) : ICommandHandler<EraseAppointment>
{
    public async ValueTask<Unit> Handle(EraseAppointment command, CancellationToken cancellationToken) =>
        await eraser.EraseAppointmentAsync(command.AppointmentId, new ItemErasure(command.AdminId, command.Reason!.Trim(), Final: true), cancellationToken)
            ? Unit.Value
            : throw DomainException.NotFound("Appointment", command.AppointmentId);
}

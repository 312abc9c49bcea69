using FluentValidation;
using Mediator;

namespace NavusoftSync.Calendar.Details;

/// <summary>An email thread as the caller may see it: held by their mailbox (in full), or on any account calendar of the tenant (at their visibility level).</summary>
internal sealed record GetEmailThread(string ThreadId, string UserId) : IQuery<EmailThreadDetails>;

/// <summary>An appointment as the caller may see it (same rule as threads).</summary>
internal sealed record GetAppointment(string AppointmentId, string UserId) : IQuery<AppointmentDetails>;

internal sealed class GetEmailThreadValidator : AbstractValidator<GetEmailThread>
{
    public GetEmailThreadValidator()
    {
        RuleFor(q => q.ThreadId).NotEmpty().MaximumLength(200);
        RuleFor(q => q.UserId).NotEmpty();
    }
}

internal sealed class GetAppointmentValidator : AbstractValidator<GetAppointment>
{
    public GetAppointmentValidator()
    {
        RuleFor(q => q.AppointmentId).NotEmpty().MaximumLength(200);
        RuleFor(q => q.UserId).NotEmpty();
    }
}

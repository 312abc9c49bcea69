using NavusoftSync.BuildingBlocks.Contracts.Integration;

namespace NavusoftSync.Synchronization.Contracts;

/// <summary>A sync run of the link started.</summary>
public sealed record LinkSyncStarted(string LinkId, string RunId, DateTimeOffset StartedAt) : IIntegrationEvent;

/// <summary>
/// A sync run finished: how many emails and appointments it recorded (matched an account contact), and how many
/// items it skipped (unreadable, or refused when recorded; the run went on without them).
/// </summary>
public sealed record LinkSyncCompleted(
    string LinkId, string RunId, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, int EmailsRecorded, int AppointmentsRecorded, int ItemsSkipped = 0) : IIntegrationEvent;

/// <summary>A sync run failed; the next run resumes where the last committed page left off.</summary>
public sealed record LinkSyncFailed(string LinkId, string RunId, DateTimeOffset FailedAt, string Reason) : IIntegrationEvent;

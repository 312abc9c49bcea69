using NavusoftSync.BuildingBlocks.Contracts.Integration;

namespace NavusoftSync.Synchronization.Contracts;

/// <summary>A sync run of the link started.</summary>
public sealed record LinkSyncStarted(string LinkId, string RunId, DateTimeOffset StartedAt) : IIntegrationEvent;

/// <summary>A sync run finished: how many emails and appointments it recorded (matched an account contact).</summary>
public sealed record LinkSyncCompleted(
    string LinkId, string RunId, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, int EmailsRecorded, int AppointmentsRecorded) : IIntegrationEvent;

/// <summary>A sync run failed; the next run resumes where the last committed page left off.</summary>
public sealed record LinkSyncFailed(string LinkId, string RunId, DateTimeOffset FailedAt, string Reason) : IIntegrationEvent;

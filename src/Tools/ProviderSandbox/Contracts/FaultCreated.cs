namespace NavusoftSync.Tools.ProviderSandbox.Contracts;

/// <summary>A queued (or, for immediate kinds, applied) fault.</summary>
public sealed record FaultCreated(string Id, FaultSpec Fault, int Remaining);

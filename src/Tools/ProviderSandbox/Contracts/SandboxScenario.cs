namespace NavusoftSync.Tools.ProviderSandbox.Contracts;

/// <summary>The root of a scenario file: the mailboxes (with their mail and calendars) to load.</summary>
public sealed record SandboxScenario
{
    public IReadOnlyList<ScenarioMailbox> Mailboxes { get; init; } = [];
}

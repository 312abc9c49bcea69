namespace NavusoftSync.Tools.ProviderSandbox.Contracts;

/// <summary>One mailbox: an e-mail address at one provider, with its messages and calendar events.</summary>
public sealed record ScenarioMailbox
{
    public required string Email { get; init; }

    public required SandboxProvider Provider { get; init; }

    public string? DisplayName { get; init; }

    /// <summary>Microsoft only: the directory (tenant) id put in the id_token <c>tid</c> claim. Derived from the domain when absent.</summary>
    public Guid? TenantId { get; init; }

    /// <summary>The calendar's time zone (IANA or Windows id); also the default zone of its events. <c>UTC</c> when absent.</summary>
    public string? TimeZone { get; init; }

    public IReadOnlyList<ScenarioMessage> Messages { get; init; } = [];

    public IReadOnlyList<ScenarioEvent> Events { get; init; } = [];
}

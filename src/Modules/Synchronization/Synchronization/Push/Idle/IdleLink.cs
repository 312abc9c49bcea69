namespace NavusoftSync.Synchronization.Push.Idle;

/// <summary>An active imap link of some tenant, as the IDLE pool sees it.</summary>
internal sealed record IdleLink(string TenantId, string LinkId)
{
    public override string ToString() => $"{TenantId}/{LinkId}";
}

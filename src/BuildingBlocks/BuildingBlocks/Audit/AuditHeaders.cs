namespace NavusoftSync.BuildingBlocks.Audit;

/// <summary>
/// Names of the audit metadata every appended event carries. Correlation and causation ids are
/// Marten's own event columns (<c>correlation_id</c>, <c>causation_id</c>); the acting user, the
/// host version, the host node and the link id are Marten event headers (<c>headers</c> jsonb).
/// </summary>
public static class AuditHeaders
{
    public const string CorrelationId = "correlationId";
    public const string CausationId = "causationId";
    public const string User = "user";

    /// <summary>Header: the informational version of the host that appended the event.</summary>
    public const string HostVersion = "hostVersion";

    /// <summary>Header: the host process (cluster node) that appended the event (<see cref="Audit.HostNode"/>).</summary>
    public const string HostNode = "hostNode";

    /// <summary>Header: the link whose sync run appended the event.</summary>
    public const string LinkId = "linkId";

    /// <summary>The acting user of events appended by a sync run.</summary>
    public const string SyncUser = "system:sync";

    /// <summary>The acting user of events appended outside a request, a delivery or a sync run.</summary>
    public const string SystemUser = "system";
}

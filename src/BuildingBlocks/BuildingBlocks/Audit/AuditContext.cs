using System.Diagnostics;
using Marten;
using Microsoft.AspNetCore.Http;
using NavusoftSync.BuildingBlocks.Contracts.Integration;
using NavusoftSync.BuildingBlocks.Tenancy;

namespace NavusoftSync.BuildingBlocks.Audit;

/// <summary>
/// The audit metadata of one DI scope (an HTTP request, an integration event delivery, a job),
/// written by Marten onto every event the scope's sessions append: correlation id, causation id,
/// acting user (Marten's event metadata: correlation and causation columns, the user as a
/// header and as the session's <c>LastModifiedBy</c>) and the host version, host node and link id headers.
/// A request takes its correlation id from the W3C <c>traceparent</c> (else the current activity,
/// else <c>HttpContext.TraceIdentifier</c>) and its user from the token's <c>sub</c>; a delivery
/// carries them over from the source event; a sync run sets its run id and <c>system:sync</c>.
/// The outermost command (or the delivered event) is the causation. Every session opened by
/// <see cref="Marten.TenantSessionFactory"/> is attached, so later changes reach it too.
/// </summary>
public sealed class AuditContext(IHttpContextAccessor httpContextAccessor, HostVersion hostVersion, HostNode hostNode)
{
    private readonly List<IDocumentSession> _sessions = [];
    private readonly Dictionary<string, string> _headers = new(StringComparer.Ordinal);
    private string? _correlationId;
    private string? _causationId;
    private string? _user;

    public string CorrelationId => _correlationId ??= FromRequest()?.Correlation ?? Guid.CreateVersion7().ToString();

    public string? CausationId => _causationId;

    public string User => _user ??= FromRequest()?.User ?? AuditHeaders.SystemUser;

    public IReadOnlyDictionary<string, string> Headers => _headers;

    /// <summary>Applies the scope's metadata to a session now and whenever it changes later.</summary>
    public void Attach(IDocumentSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        _sessions.Add(session);
        Apply(session);
    }

    /// <summary>The outermost command (or delivered event) causes what the scope appends; inner ones keep it.</summary>
    public void CausedBy(string causationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(causationId);
        if (_causationId is null)
        {
            _causationId = causationId;
            ApplyAll();
        }
    }

    /// <summary>A delivery of an integration event: correlation and user carried over, caused by the source event.</summary>
    public void ForDelivery(IntegrationEventContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _correlationId = context.CorrelationId ?? context.EventId.ToString();
        _user = context.UserName ?? AuditHeaders.SystemUser;
        _causationId = context.EventId.ToString();
        ApplyAll();
    }

    /// <summary>A sync run: correlated by its run id, acted by <c>system:sync</c>, with the link id header.</summary>
    public void ForSyncRun(string runId, string linkId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(linkId);
        _correlationId = runId;
        _user = AuditHeaders.SyncUser;
        _headers[AuditHeaders.LinkId] = linkId;
        ApplyAll();
    }

    private void ApplyAll()
    {
        foreach (var session in _sessions)
        {
            Apply(session);
        }
    }

    private void Apply(IDocumentSession session)
    {
        session.CorrelationId = CorrelationId;
        session.CausationId = _causationId;
        session.LastModifiedBy = User;
        session.SetHeader(AuditHeaders.User, User);
        session.SetHeader(AuditHeaders.HostVersion, hostVersion.Value);
        session.SetHeader(AuditHeaders.HostNode, hostNode.Value);
        foreach (var (key, value) in _headers)
        {
            session.SetHeader(key, value);
        }
    }

    private (string Correlation, string? User)? FromRequest()
    {
        var http = httpContextAccessor.HttpContext;
        if (http is null)
        {
            return null;
        }

        var user = http.User.Identity?.IsAuthenticated == true ? http.User.FindFirst(NavusoftClaims.Subject)?.Value : null;
        return (TraceIdOf(http), user);
    }

    /// <summary>The W3C trace id of <c>traceparent</c> ("00-{32 hex}-{16 hex}-{2 hex}"), else the activity's, else the request's id.</summary>
    internal static string TraceIdOf(HttpContext http)
    {
        var traceparent = http.Request.Headers["traceparent"].ToString();
        var parts = traceparent.Split('-');
        if (parts is [{ Length: 2 }, { Length: 32 } traceId, { Length: 16 }, { Length: 2 }, ..] && traceId.All(char.IsAsciiHexDigit)
            && traceId.Any(c => c != '0'))
        {
            return traceId.ToLowerInvariant();
        }

        return Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.TraceId.ToString() : http.TraceIdentifier;
    }
}

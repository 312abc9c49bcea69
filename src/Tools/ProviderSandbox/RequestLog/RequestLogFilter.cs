using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Tools.ProviderSandbox.RequestLog;

/// <summary>The query of <c>GET /_sandbox/requests</c>: every criterion given must hold.</summary>
internal sealed record RequestLogFilter(string? Mailbox, string? Api, string? Method, string? PathPrefix, int? Status, long? AfterSequence)
{
    public static RequestLogFilter From(IQueryCollection query) => new(
        NullIfEmpty(query["mailbox"]),
        NullIfEmpty(query["api"]),
        NullIfEmpty(query["method"]),
        NullIfEmpty(query["pathPrefix"]),
        int.TryParse(query["status"], out var status) ? status : null,
        long.TryParse(query["afterSequence"], out var after) ? after : null);

    public bool Matches(RequestLogEntry entry) =>
        (Mailbox is null || string.Equals(entry.Mailbox, Mailbox, StringComparison.OrdinalIgnoreCase))
        && (Api is null || entry.Api.Equals(Api, StringComparison.OrdinalIgnoreCase))
        && (Method is null || entry.Method.Equals(Method, StringComparison.OrdinalIgnoreCase))
        && (PathPrefix is null || entry.Path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase))
        && (Status is null || entry.Status == Status)
        && (AfterSequence is null || entry.Sequence > AfterSequence);

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

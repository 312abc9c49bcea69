using NavusoftSync.Linking.Providers;

namespace NavusoftSync.Linking.Integrations.Http;

public sealed record SetProviderRequest(bool? Enabled, string? ReviewTicket);

public sealed record MapDomainRequest(string? Provider);

/// <summary>A provider as the admin sees it: enabled or not, and by whom under which review ticket.</summary>
public sealed record AdminProviderResponse(string Id, string Name, bool Enabled, string? ReviewTicket, string? ChangedBy, DateTimeOffset? ChangedAt)
{
    internal static AdminProviderResponse From(ProviderInfo provider, ProviderApproval? approval) =>
        new(provider.Id, provider.Name, approval?.Enabled ?? false, approval?.ReviewTicket, approval?.ChangedBy, approval?.ChangedAt);
}

public sealed record CustomDomainResponse(string Domain, string Provider, string MappedBy, DateTimeOffset MappedAt)
{
    internal static CustomDomainResponse From(CustomDomain d) => new(d.Domain, d.ProviderId, d.MappedBy, d.MappedAt);
}

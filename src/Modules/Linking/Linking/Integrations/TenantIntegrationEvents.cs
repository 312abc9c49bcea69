namespace NavusoftSync.Linking.Integrations;

/// <summary>The tenant's third-party integration review (Ticket Request) is done: users may link the provider.</summary>
public sealed record ProviderEnabled(string ProviderId, string ReviewTicket, string EnabledBy, DateTimeOffset At);

/// <summary>The provider may no longer be linked by the tenant's users (existing links are left alone).</summary>
public sealed record ProviderDisabled(string ProviderId, string? ReviewTicket, string DisabledBy, DateTimeOffset At);

/// <summary>Addresses at <paramref name="Domain"/> (and its subdomains) are hosted by the provider.</summary>
public sealed record CustomDomainMapped(string Domain, string ProviderId, string MappedBy, DateTimeOffset At);

public sealed record CustomDomainUnmapped(string Domain, string UnmappedBy, DateTimeOffset At);

using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Tools.ProviderSandbox.Faults;

/// <summary>A data API family: which provider's tokens open it and how it words its errors.</summary>
internal sealed record ApiSurface(string Name, SandboxProvider Provider, IApiErrors Errors, bool AcceptsAccessTokenQuery);

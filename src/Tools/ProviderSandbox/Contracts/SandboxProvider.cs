namespace NavusoftSync.Tools.ProviderSandbox.Contracts;

/// <summary>The provider a sandbox mailbox belongs to; serialized as <c>microsoft</c> or <c>google</c>.</summary>
public enum SandboxProvider
{
    Microsoft,
    Google,
}

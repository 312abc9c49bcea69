using NavusoftSync.Tools.ProviderSandbox.Faults;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.Tokens;

namespace NavusoftSync.Tools.ProviderSandbox.Control;

/// <summary>Forgets everything: mailboxes, tokens and codes, queued faults and the request log.</summary>
internal sealed class SandboxReset(SandboxState state, TokenStore tokens, FaultQueue faults, RequestLogStore log)
{
    public void Run()
    {
        state.Clear();
        tokens.Clear();
        faults.Clear();
        log.Clear();
    }
}

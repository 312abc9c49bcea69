using NavusoftSync.Tools.ProviderSandbox.Faults;
using NavusoftSync.Tools.ProviderSandbox.Push;
using NavusoftSync.Tools.ProviderSandbox.Realism;
using NavusoftSync.Tools.ProviderSandbox.RequestLog;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.Tokens;

namespace NavusoftSync.Tools.ProviderSandbox.Control;

/// <summary>
/// Forgets everything: mailboxes, tokens and codes, queued faults, the request log, and push state (subscriptions, watches,
/// channels, Pub/Sub subscriptions, push faults, queued notifications, deliveries), and the realism's windows and
/// counters. The Pub/Sub signing keys and the realism settings stay.
/// </summary>
internal sealed class SandboxReset(SandboxState state, TokenStore tokens, FaultQueue faults, RequestLogStore log, PushState push, RealismGate realism)
{
    public void Run()
    {
        state.Clear();
        tokens.Clear();
        faults.Clear();
        log.Clear();
        push.Clear();
        realism.Clear();
    }
}

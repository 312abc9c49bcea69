using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;

namespace NavusoftSync.Tools.ProviderSandbox.Tests.Push;

/// <summary>A sandbox plus a real notification receiver it can call.</summary>
public abstract class PushTest : SandboxTest
{
    internal NotificationReceiver Receiver { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Receiver = await NotificationReceiver.StartAsync(Ct);
    }

    public override async Task DisposeAsync()
    {
        await Receiver.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Waits until the delivery log holds a record that <paramref name="matches"/> (the sandbox records after each attempt).</summary>
    protected async Task<PushDeliveryRecord> DeliveryAsync(Func<PushDeliveryRecord, bool> matches)
    {
        while (true)
        {
            var state = await Sandbox.Control.GetPushStateAsync(Ct);
            if (state.Deliveries.FirstOrDefault(matches) is { } found)
            {
                return found;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), Ct); // polling the log until the condition holds
        }
    }
}

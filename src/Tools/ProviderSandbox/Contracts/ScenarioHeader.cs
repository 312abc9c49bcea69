namespace NavusoftSync.Tools.ProviderSandbox.Contracts;

/// <summary>
/// An extra header of a message (<c>List-Unsubscribe</c>, <c>Precedence</c>, …), served as it is: Graph lists it in
/// <c>internetMessageHeaders</c> when selected, Gmail in <c>payload.headers</c> and in the raw message.
/// </summary>
public sealed record ScenarioHeader(string Name, string Value);

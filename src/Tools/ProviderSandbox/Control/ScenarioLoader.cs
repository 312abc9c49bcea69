using System.Text.Json;
using NavusoftSync.Tools.ProviderSandbox.Contracts;
using NavusoftSync.Tools.ProviderSandbox.Json;
using NavusoftSync.Tools.ProviderSandbox.State;
using NavusoftSync.Tools.ProviderSandbox.State.Events;
using NavusoftSync.Tools.ProviderSandbox.State.Messages;

namespace NavusoftSync.Tools.ProviderSandbox.Control;

/// <summary>Creates mailboxes with their mail and calendars from scenario records or files.</summary>
internal sealed class ScenarioLoader(SandboxState state, TimeProvider clock)
{
    public IReadOnlyList<Mailbox> Load(SandboxScenario scenario) => [.. scenario.Mailboxes.Select(AddMailbox)];

    /// <summary>Adds a mailbox and its items; nothing is kept when any item is invalid.</summary>
    public Mailbox AddMailbox(ScenarioMailbox definition)
    {
        var mailbox = state.Add(MailboxIdentity.From(definition));
        try
        {
            var now = clock.GetUtcNow();
            foreach (var message in definition.Messages)
            {
                mailbox.Mutate(data => MessageChanges.Add(data, message, now));
            }

            foreach (var calendarEvent in definition.Events)
            {
                mailbox.Mutate(data => EventChanges.Add(data, calendarEvent, now));
            }

            return mailbox;
        }
        catch
        {
            state.Remove(mailbox.Email);
            throw;
        }
    }

    /// <summary>Reads a scenario file; a relative path is tried against the current directory, then the sandbox's own folder.</summary>
    public SandboxScenario ReadFile(string path)
    {
        var resolved = File.Exists(path) || Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
        if (!File.Exists(resolved))
        {
            throw new FileNotFoundException($"The scenario file '{path}' was found neither in '{Directory.GetCurrentDirectory()}' nor in '{AppContext.BaseDirectory}'.", path);
        }

        try
        {
            using var stream = File.OpenRead(resolved);
            return JsonSerializer.Deserialize<SandboxScenario>(stream, SandboxJson.Create(clock))
                ?? throw new InvalidDataException($"The scenario file '{path}' is empty.");
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"The scenario file '{path}' is not a valid scenario: {exception.Message}", exception);
        }
    }
}

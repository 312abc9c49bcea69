using NavusoftSync.Tools.ProviderSandbox.Contracts;

namespace NavusoftSync.Tools.ProviderSandbox.State.Messages;

/// <summary>Pure mutations of a mailbox's messages: each returns the next snapshot (version bumped) and the touched message.</summary>
internal static class MessageChanges
{
    public static (MailboxData Next, StoredMessage Message) Add(MailboxData data, ScenarioMessage input, DateTimeOffset now)
    {
        var identity = data.Identity;
        var version = data.Version + 1;
        var sentAt = input.SentAt ?? now;
        var receivedAt = input.ReceivedAt ?? sentAt;
        var id = string.IsNullOrWhiteSpace(input.Id)
            ? identity.Provider == SandboxProvider.Microsoft ? SandboxIds.GraphItemId() : SandboxIds.GmailId(receivedAt)
            : input.Id.Trim();
        if (data.Messages.ContainsKey(id))
        {
            throw SandboxRequestException.Conflict($"Message '{id}' already exists in '{identity.Email}'.");
        }

        var threadKey = string.IsNullOrWhiteSpace(input.Thread) ? "subject:" + NormalizeSubject(input.Subject) : "key:" + input.Thread.Trim();
        var threadId = data.Threads.TryGetValue(threadKey, out var existing)
            ? existing
            : identity.Provider == SandboxProvider.Microsoft ? SandboxIds.GraphConversationId() : id;
        var previous = data.LiveMessages.Where(m => m.ThreadId == threadId && m.SentAt <= sentAt).MaxBy(m => m.SentAt);
        var folder = ResolveFolder(input, identity);

        var message = new StoredMessage
        {
            Id = id,
            ThreadId = threadId,
            InternetMessageId = string.IsNullOrWhiteSpace(input.InternetMessageId)
                ? SandboxIds.InternetMessageId(input.From.Address)
                : input.InternetMessageId.Trim(),
            InReplyTo = string.IsNullOrWhiteSpace(input.InReplyTo) ? previous?.InternetMessageId : input.InReplyTo.Trim(),
            Subject = input.Subject,
            BodyText = input.Body ?? string.Empty,
            BodyHtml = input.BodyHtml,
            From = input.From,
            To = input.To,
            Cc = input.Cc,
            Bcc = input.Bcc,
            SentAt = sentAt,
            ReceivedAt = receivedAt,
            Folder = folder,
            IsDraft = input.IsDraft || folder == MailFolder.Drafts,
            InvalidDates = input.InvalidDates,
            LabelIds = input.LabelIds is { Count: > 0 } labels ? labels : folder.DefaultLabels(),
            ExtraHeaders = CheckedHeaders(input.Headers),
            RawMime = RawBytes(input.RawMime),
            WireOverrides = input.WireOverrides,
            LastModified = now,
            CreatedVersion = version,
            Version = version,
        };

        var next = data with
        {
            Version = version,
            Messages = data.Messages.SetItem(id, message),
            Threads = data.Threads.SetItem(threadKey, threadId),
            History = data.History.Add(new GmailHistoryRecord(
                MailboxData.HistoryBase + (version * MailboxData.HistoryStep), GmailHistoryKind.MessageAdded, id, threadId, message.LabelIds)),
        };
        return (next, message);
    }

    /// <summary>Extra headers as given, refused (400) when a name is no RFC 5322 field name or a value holds a line break.</summary>
    private static IReadOnlyList<ScenarioHeader> CheckedHeaders(IReadOnlyList<ScenarioHeader>? headers)
    {
        foreach (var header in headers ?? [])
        {
            if (header is null || string.IsNullOrEmpty(header.Name) || header.Name.Any(c => c is < '!' or > '~' or ':'))
            {
                throw SandboxRequestException.Invalid($"A header name must be printable ASCII without a colon ('{header?.Name}' is not).");
            }

            if (header.Value is null || header.Value.Any(c => c is '\r' or '\n'))
            {
                throw SandboxRequestException.Invalid($"The value of header '{header.Name}' must be a single line.");
            }
        }

        return headers ?? [];
    }

    public static (MailboxData Next, StoredMessage Message) Delete(MailboxData data, string id, bool soft, DateTimeOffset now)
    {
        if (!data.Messages.TryGetValue(id, out var message) || message.IsDeleted)
        {
            throw SandboxRequestException.NotFound($"There is no message '{id}' in '{data.Identity.Email}'.");
        }

        var version = data.Version + 1;
        var deleted = message with { IsDeleted = true, SoftDeleted = soft, Version = version, LastModified = now };
        var next = data with
        {
            Version = version,
            Messages = data.Messages.SetItem(id, deleted),
            History = data.History.Add(new GmailHistoryRecord(
                MailboxData.HistoryBase + (version * MailboxData.HistoryStep), GmailHistoryKind.MessageDeleted, id, message.ThreadId, message.LabelIds)),
        };
        return (next, deleted);
    }

    private static byte[]? RawBytes(string? base64)
    {
        if (base64 is null)
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw SandboxRequestException.Invalid("rawMime must be base64.");
        }
    }

    private static MailFolder ResolveFolder(ScenarioMessage input, MailboxIdentity owner)
    {
        if (!string.IsNullOrWhiteSpace(input.Folder))
        {
            return MailFolders.TryParse(input.Folder, out var folder)
                ? folder
                : throw SandboxRequestException.Invalid($"Unknown folder '{input.Folder}': use inbox, sentitems or drafts.");
        }

        if (input.IsDraft)
        {
            return MailFolder.Drafts;
        }

        return input.From.Matches(owner.Email) ? MailFolder.SentItems : MailFolder.Inbox;
    }

    private static string NormalizeSubject(string subject)
    {
        var text = subject.Trim();
        string[] prefixes = ["re:", "fw:", "fwd:", "aw:", "wg:"];
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var prefix in prefixes)
            {
                if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    text = text[prefix.Length..].TrimStart();
                    changed = true;
                }
            }
        }

        return text;
    }
}

using NavusoftSync.Tools.ProviderSandbox.State;

namespace NavusoftSync.Tools.ProviderSandbox.RequestLog;

/// <summary>Per-request facts shared between the endpoints and the request log.</summary>
internal static class RequestContext
{
    private const string MailboxKey = "sandbox.mailbox";
    private const string MailboxEmailKey = "sandbox.mailbox-email";
    private const string BatchKey = "sandbox.in-batch";
    private const string ClientIdKey = "sandbox.client-id";

    public static void SetMailbox(this HttpContext context, Mailbox mailbox)
    {
        context.Items[MailboxKey] = mailbox;
        context.Items[MailboxEmailKey] = mailbox.Email;
    }

    /// <summary>The mailbox the bearer token opened; only valid behind <see cref="Faults.MailboxEndpointFilter"/>.</summary>
    public static Mailbox GetMailbox(this HttpContext context) =>
        context.Items[MailboxKey] as Mailbox ?? throw new InvalidOperationException("The endpoint is not behind the mailbox filter.");

    public static void SetClientId(this HttpContext context, string clientId) => context.Items[ClientIdKey] = clientId;

    /// <summary>The client id of the app the bearer token was issued to; only valid behind <see cref="Faults.MailboxEndpointFilter"/>.</summary>
    public static string GetClientId(this HttpContext context) =>
        context.Items[ClientIdKey] as string ?? throw new InvalidOperationException("The endpoint is not behind the mailbox filter.");

    public static void SetLoggedMailbox(this HttpContext context, string email) => context.Items[MailboxEmailKey] = email;

    public static string? LoggedMailbox(this HttpContext context) => context.Items[MailboxEmailKey] as string;

    public static void MarkInBatch(this HttpContext context) => context.Items[BatchKey] = true;

    public static bool IsInBatch(this HttpContext context) => context.Items.ContainsKey(BatchKey);
}

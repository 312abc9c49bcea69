using FluentValidation;
using Marten;
using Mediator;
using Microsoft.Extensions.Options;
using NavusoftSync.BuildingBlocks.Contracts.Tenancy;
using NavusoftSync.BuildingBlocks.MailServers;
using NavusoftSync.Linking.Credentials;
using NavusoftSync.Linking.Integrations;
using NavusoftSync.Linking.Links.Completing;
using NavusoftSync.Linking.Links.Starting;
using NavusoftSync.Linking.OAuth;
using NavusoftSync.Linking.Providers;
using NavusoftSync.Linking.Validation;

namespace NavusoftSync.Linking.Links.PasswordLinking;

/// <summary>The IMAP part of a password link request: <c>security</c> is <c>ssl</c>, <c>starttls</c> or <c>none</c>. Never printed with its password.</summary>
public sealed record ImapLogin(string? Host, int? Port, string? Security, string? Username, string? Password)
{
    public override string ToString() => $"ImapLogin {{ Host = {Host}, Port = {Port}, Security = {Security}, Username = {Username} }}";
}

/// <summary>The CalDAV part of a password link request; user name and password default to the IMAP ones. Never printed with its password.</summary>
public sealed record CalDavLogin(string? Url, string? Username, string? Password)
{
    public override string ToString() => $"CalDavLogin {{ Url = {Url}, Username = {Username} }}";
}

/// <summary>
/// The user links a password (app-password) mailbox: IMAP and, optionally, CalDAV. Both logins are tried before anything is
/// stored; the link is then <see cref="Linked"/> (or <see cref="Relinked"/>) at once, its credentials
/// (<see cref="MailboxServers"/>, the discovered calendar home included) stored like OAuth tokens. <paramref name="Address"/> is
/// the mailbox's own address when the user name is not one.
/// </summary>
internal sealed record LinkPasswordMailbox(ImapLogin? Imap, CalDavLogin? Caldav, string? Address, string UserId, string? UserEmail)
    : ICommand<CompleteLinkResult>
{
    public override string ToString() => $"LinkPasswordMailbox {{ Imap = {Imap}, Caldav = {Caldav}, Address = {Address}, UserId = {UserId} }}";
}

internal sealed class LinkPasswordMailboxHandler(
    IDocumentSession session, ITenantContext tenant, PasswordLinkThrottle throttle, PasswordLogins logins, SecretProtector secrets, TimeProvider clock)
    : ICommandHandler<LinkPasswordMailbox, CompleteLinkResult>
{
    public async ValueTask<CompleteLinkResult> Handle(LinkPasswordMailbox command, CancellationToken cancellationToken)
    {
        var integrations = await session.LoadAsync<TenantIntegrations>(TenantIntegrations.StreamKey, cancellationToken) ?? TenantIntegrations.Empty;
        if (!integrations.IsEnabled(ProviderCatalog.Imap.Id))
        {
            throw StartLinkHandler.NotEnabled(ProviderCatalog.Imap);
        }

        await throttle.AdmitAsync(command.UserId, cancellationToken);
        var servers = await logins.TryAsync(PasswordMailboxes.Servers(command), cancellationToken);

        var now = clock.GetUtcNow();
        var account = new ExternalAccount(PasswordMailboxes.AccountId(servers.Imap), servers.Address, DisplayName: null);
        var linkId = LinkIds.For(command.UserId, ProviderCatalog.Imap.Id, account.Id);
        var stream = await session.Events.FetchForWriting<Link>(linkId, cancellationToken);
        var events = CompleteLinkHandler.Decide(linkId, new VerifiedAccount(command.UserId, ProviderCatalog.Imap.Id, account, GrantedScopes: null), stream.Aggregate, now);
        stream.AppendMany(events);
        session.Store(new LinkCredentials(
            linkId, ProviderCatalog.Imap.Id, secrets.ProtectTokens(new TokenSet(servers.ToJson(), RefreshToken: null), tenant.TenantId, linkId), DateTimeOffset.MaxValue, now));

        var link = events.Aggregate(stream.Aggregate, Link.Fold)!;
        return new CompleteLinkResult(link.Id, link.Provider, link.ExternalAccount, link.State, stream.Aggregate is not null);
    }
}

internal sealed class LinkPasswordMailboxValidator : AbstractValidator<LinkPasswordMailbox>
{
    public const int MaxHostLength = 253;
    public const int MaxUsernameLength = 320;
    public const int MaxPasswordLength = 1024;
    public const int MaxUrlLength = 2048;

    public LinkPasswordMailboxValidator(IOptions<MailServerOptions> options)
    {
        var insecure = options.Value.AllowInsecureServers;
        RuleFor(c => c.UserId).ValidId();
        RuleFor(c => c.Address).OptionalEmail();
        RuleFor(c => c.Imap).NotNull().WithMessage("Required: the IMAP server and login.");
        When(c => c.Imap is not null, () =>
        {
            RuleFor(c => c.Imap!.Host).Must(IsHostName).WithMessage($"Must be a host name or IP address (at most {MaxHostLength} characters).");
            RuleFor(c => c.Imap!.Port).NotNull().WithMessage("Required.").InclusiveBetween(1, 65535);
            RuleFor(c => c.Imap!.Security).Must(s => PasswordMailboxes.ParseSecurity(s) is { } parsed && (parsed != MailSecurity.None || insecure))
                .WithMessage(insecure ? "Must be ssl, starttls or none." : "Must be ssl or starttls.");
            RuleFor(c => c.Imap!.Username).Must(u => IsText(u, MaxUsernameLength)).WithMessage($"Required, at most {MaxUsernameLength} characters, no control characters.");
            RuleFor(c => c.Imap!.Password).Must(p => IsText(p, MaxPasswordLength)).WithMessage($"Required, at most {MaxPasswordLength} characters, no control characters.");
        });
        When(c => c.Caldav is not null, () =>
        {
            RuleFor(c => c.Caldav!.Url).Must(u => IsCalDavUrl(u, insecure))
                .WithMessage(insecure ? $"Must be an absolute http or https URL without a user name in it (at most {MaxUrlLength} characters)." : $"Must be an absolute https URL without a user name in it (at most {MaxUrlLength} characters).");
            RuleFor(c => c.Caldav!.Username).Must(u => u is null || IsText(u, MaxUsernameLength) && !u.Contains(':', StringComparison.Ordinal))
                .WithMessage($"At most {MaxUsernameLength} characters, no colon or control characters.");
            RuleFor(c => c.Caldav!.Password).Must(p => p is null || IsText(p, MaxPasswordLength)).WithMessage($"At most {MaxPasswordLength} characters, no control characters.");
        });
    }

    internal static bool IsHostName(string? host) =>
        host is { Length: > 0 and <= MaxHostLength } && host == host.Trim() && Uri.CheckHostName(host.TrimEnd('.')) != UriHostNameType.Unknown;

    internal static bool IsCalDavUrl(string? url, bool allowHttp) =>
        url is { Length: > 0 and <= MaxUrlLength }
        && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (allowHttp && uri.Scheme == Uri.UriSchemeHttp))
        && uri.UserInfo.Length == 0
        && uri.Host.Length > 0;

    private static bool IsText(string? value, int maxLength) =>
        !string.IsNullOrWhiteSpace(value) && value.Length <= maxLength && !value.Any(char.IsControl);
}

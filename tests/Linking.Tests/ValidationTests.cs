using FluentValidation;
using NavusoftSync.Linking.Integrations.Domains;
using NavusoftSync.Linking.Integrations.Enabling;
using NavusoftSync.Linking.Links.Starting;
using NavusoftSync.Linking.Providers.Listing;

namespace NavusoftSync.Linking.Tests;

public sealed class ValidationTests
{
    private static string[] Failing<T>(AbstractValidator<T> validator, T message) =>
        [.. validator.Validate(message).Errors.Select(e => e.PropertyName).Distinct()];

    [Theory]
    [InlineData("google", null, new string[0])]
    [InlineData("microsoft", "anna@contoso.com", new string[0])]
    [InlineData(null, null, new[] { "Provider" })]
    [InlineData("yahoo", null, new[] { "Provider" })]
    [InlineData("google", "not an address", new[] { "LoginHint" })]
    [InlineData("google", "anna@localhost", new[] { "LoginHint" })]
    [InlineData("google", "anna@bücher.de", new string[0])]
    [InlineData("google", "\"anna\"@contoso.com", new[] { "LoginHint" })]
    [InlineData("google", "", new[] { "LoginHint" })]
    public void Starting_a_link_needs_a_known_provider_and_at_most_a_valid_hint(string? provider, string? hint, string[] failing) =>
        Assert.Equal(failing, Failing(new StartLinkValidator(), new StartLink(provider, hint, "user-1", null, "https://x/cb", "binding-hash")));

    [Theory]
    [InlineData(true, "TR-1", new string[0])]
    [InlineData(false, null, new string[0])]
    [InlineData(true, null, new[] { "ReviewTicket" })]
    [InlineData(true, "  ", new[] { "ReviewTicket" })]
    [InlineData(null, "TR-1", new[] { "Enabled" })]
    public void Enabling_needs_the_review_ticket(bool? enabled, string? ticket, string[] failing) =>
        Assert.Equal(failing, Failing(new SetProviderEnablementValidator(), new SetProviderEnablement("google", enabled, ticket, "admin")));

    [Fact]
    public void A_ticket_is_bounded() =>
        Assert.Equal(["ReviewTicket"], Failing(new SetProviderEnablementValidator(), new SetProviderEnablement("google", true, new string('x', 101), "admin")));

    [Theory]
    [InlineData("acme-hauling.com", "google", new string[0])]
    [InlineData("Eu.Fabrikam.com.", "microsoft", new string[0])]
    [InlineData("localhost", "google", new[] { "domain" })]
    [InlineData("-acme.com", "google", new[] { "domain" })]
    [InlineData("acme_hauling.com", "google", new[] { "domain" })]
    [InlineData("gmail.com", "microsoft", new[] { "domain" })]
    [InlineData("contoso.onmicrosoft.com", "microsoft", new[] { "domain" })]
    [InlineData("acme.com", "yahoo", new[] { "provider" })]
    [InlineData("acme.com", null, new[] { "provider" })]
    public void A_custom_domain_is_a_domain_name_not_a_well_known_one_mapped_to_a_known_provider(string domain, string? provider, string[] failing) =>
        Assert.Equal(failing, Failing(new MapCustomDomainValidator(), new MapCustomDomain(domain, provider, "admin")));

    [Theory]
    [InlineData(null, true)]
    [InlineData("anna@contoso.com", true)]
    [InlineData("anna", false)]
    [InlineData("Anna <anna@contoso.com>", false)]
    public void The_provider_screen_takes_an_optional_address(string? email, bool valid) =>
        Assert.Equal(valid, new ListProvidersValidator().Validate(new ListProviders(email, null)).IsValid);
}

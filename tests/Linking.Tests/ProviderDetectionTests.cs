using NavusoftSync.Linking.Providers;

namespace NavusoftSync.Linking.Tests;

public sealed class ProviderDetectionTests
{
    private static readonly Dictionary<string, string> NoDomains = [];

    [Theory]
    [InlineData("carl@gmail.com", "google")]
    [InlineData("carl@googlemail.com", "google")]
    [InlineData("  Carl@GMAIL.com ", "google")]
    [InlineData("anna@outlook.com", "microsoft")]
    [InlineData("anna@hotmail.com", "microsoft")]
    [InlineData("anna@hotmail.co.uk", "microsoft")]
    [InlineData("anna@hotmail.fr", "microsoft")]
    [InlineData("anna@live.com", "microsoft")]
    [InlineData("anna@live.com.au", "microsoft")]
    [InlineData("anna@msn.com", "microsoft")]
    [InlineData("anna@contoso.onmicrosoft.com", "microsoft")]
    [InlineData("anna@contoso.mail.onmicrosoft.com", "microsoft")]
    [InlineData("anna@contoso.office365.com", "microsoft")]
    public void Well_known_domains_are_detected(string email, string provider) =>
        Assert.Equal(provider, ProviderDetection.Detect(email, NoDomains));

    [Theory]
    [InlineData("bob@acme-hauling.com")]
    [InlineData("bob@live.acme-hauling.com")]
    [InlineData("bob@notgmail.com")]
    [InlineData("bob@gmail.com.evil.example")]
    [InlineData("no-at-sign")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_addresses_are_not_detected(string? email) =>
        Assert.Null(ProviderDetection.Detect(email, NoDomains));

    [Fact]
    public void The_tenant_table_maps_its_domains_and_their_subdomains()
    {
        var domains = new Dictionary<string, string> { ["acme-hauling.com"] = "google", ["eu.fabrikam.com"] = "microsoft" };

        Assert.Equal("google", ProviderDetection.Detect("bob@acme-hauling.com", domains));
        Assert.Equal("google", ProviderDetection.Detect("bob@dispatch.Acme-Hauling.com", domains));
        Assert.Equal("microsoft", ProviderDetection.Detect("ann@eu.fabrikam.com", domains));
        Assert.Null(ProviderDetection.Detect("ann@fabrikam.com", domains));
    }

    [Fact]
    public void Well_known_domains_win_over_the_table() =>
        Assert.Equal("google", ProviderDetection.Detect("carl@gmail.com", new Dictionary<string, string> { ["gmail.com"] = "microsoft" }));
}

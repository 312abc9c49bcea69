using System.Text;
using NavusoftSync.Linking.OAuth;

namespace NavusoftSync.Linking.Tests;

public sealed class PkceAndStateTests
{
    [Fact]
    public void The_challenge_is_s256_of_the_verifier_as_in_rfc_7636_appendix_b() =>
        Assert.Equal("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", Pkce.ChallengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));

    [Fact]
    public void A_verifier_is_43_unreserved_characters_and_new_each_time()
    {
        var pairs = Enumerable.Range(0, 50).Select(_ => Pkce.Create()).ToList();

        Assert.All(pairs, p =>
        {
            Assert.Equal(43, p.Verifier.Length);
            Assert.Matches("^[A-Za-z0-9_-]{43}$", p.Verifier);
            Assert.Equal(Pkce.ChallengeOf(p.Verifier), p.Challenge);
            Assert.DoesNotContain(p.Verifier, p.ToString(), StringComparison.Ordinal);
        });
        Assert.Equal(50, pairs.Select(p => p.Verifier).Distinct().Count());
    }

    [Fact]
    public void A_state_carries_its_tenant_and_256_random_bits()
    {
        var state = OAuthState.Create("tenant-ä/1");
        var other = OAuthState.Create("tenant-ä/1");

        var parsed = OAuthState.TryParse(state.Value);

        Assert.NotNull(parsed);
        Assert.Equal("tenant-ä/1", parsed.TenantId);
        Assert.Equal(state.Hash, parsed.Hash);
        Assert.NotEqual(state.Value, other.Value);
        Assert.NotEqual(state.Hash, other.Hash);
        Assert.Matches("^[0-9a-f]{64}$", state.Hash);
        Assert.DoesNotContain(state.Value, state.Hash, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("dGVuYW50.short")]
    [InlineData(".AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("dGVuYW50.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA*")]
    [InlineData("dGVuYW50.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.extra")]
    public void A_state_of_another_shape_is_refused(string? value) => Assert.Null(OAuthState.TryParse(value));

    [Fact]
    public void A_state_whose_tenant_part_is_not_text_is_refused()
    {
        var valid = OAuthState.Create("t1").Value;
        var secret = valid.Split('.')[1];

        Assert.Null(OAuthState.TryParse(Base64Url.Encode([0xff, 0xfe]) + "." + secret));
        Assert.Null(OAuthState.TryParse(Base64Url.Encode(Encoding.UTF8.GetBytes("t\n1")) + "." + secret));
        Assert.NotNull(OAuthState.TryParse(Base64Url.Encode(Encoding.UTF8.GetBytes("t2")) + "." + secret));
    }
}

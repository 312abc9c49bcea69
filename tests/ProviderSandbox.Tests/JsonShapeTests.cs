using System.Text.Json.Nodes;
using NavusoftSync.Tools.ProviderSandbox.Tests.Infrastructure;
using Xunit.Sdk;

namespace NavusoftSync.Tools.ProviderSandbox.Tests;

/// <summary>The shape comparer itself: it must catch what the fixture tests rely on it to catch.</summary>
public sealed class JsonShapeTests
{
    private static readonly JsonNode Documented = JsonNode.Parse("""{"id":"x","count":1,"flag":true,"nested":{"name":"n"},"items":[{"a":"b"}],"any":null}""")!;

    [Fact]
    public void The_same_shape_with_other_values_and_extra_properties_passes() =>
        JsonShape.AssertContains(Documented, JsonNode.Parse("""{"id":"y","count":7,"flag":false,"nested":{"name":"m","extra":1},"items":[{"a":"c"}],"any":{"z":1},"more":2}"""));

    [Theory]
    [InlineData("""{"count":1,"flag":true,"nested":{"name":"n"},"items":[{"a":"b"}],"any":null}""")]
    [InlineData("""{"id":1,"count":1,"flag":true,"nested":{"name":"n"},"items":[{"a":"b"}],"any":null}""")]
    [InlineData("""{"id":"x","count":"1","flag":true,"nested":{"name":"n"},"items":[{"a":"b"}],"any":null}""")]
    [InlineData("""{"id":"x","count":1,"flag":true,"nested":{"title":"n"},"items":[{"a":"b"}],"any":null}""")]
    [InlineData("""{"id":"x","count":1,"flag":true,"nested":{"name":"n"},"items":[{"b":"a"}],"any":null}""")]
    [InlineData("""{"id":"x","count":1,"flag":true,"nested":{"name":"n"},"items":[],"any":null}""")]
    public void A_missing_or_retyped_property_fails(string actual) =>
        Assert.Throws<TrueException>(() => JsonShape.AssertContains(Documented, JsonNode.Parse(actual)));

    [Fact]
    public void Strict_top_level_refuses_undocumented_properties() =>
        Assert.Throws<TrueException>(() => JsonShape.AssertContains(
            JsonNode.Parse("""{"a":1}""")!, JsonNode.Parse("""{"a":1,"b":2}"""), strictTopLevel: true));
}

using System.Text.Json.Nodes;

namespace NavusoftSync.Tools.ProviderSandbox.Google.Calendar;

/// <summary>One item of an events list with its keyset position (start ticks on a full sync, version on an incremental one).</summary>
internal sealed record CalendarRow(long Key, string Id, JsonObject Item, DateTimeOffset Updated);

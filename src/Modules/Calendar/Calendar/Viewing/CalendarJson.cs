using System.Text.Json;
using System.Text.Json.Serialization;
using NavusoftSync.Calendar.Details;

namespace NavusoftSync.Calendar.Viewing;

/// <summary>
/// Source-generated serializers for the calendar answers (the hot path: a month view can hold
/// hundreds of items): no reflection, camelCase as every answer of the API.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CalendarRange))]
[JsonSerializable(typeof(CalendarDay))]
[JsonSerializable(typeof(EmailThreadDetails))]
[JsonSerializable(typeof(AppointmentDetails))]
internal sealed partial class CalendarJson : JsonSerializerContext;

/// <summary>The account ids and instants of calendar entries as their JSON holds them (all the calendar read parses).</summary>
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(DateTimeOffset?))]
internal sealed partial class CalendarEntryJson : JsonSerializerContext;

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

/// <summary>The account ids of a calendar entry as its JSON holds them (the one JSON the calendar read parses).</summary>
[JsonSerializable(typeof(List<string>))]
internal sealed partial class CalendarEntryJson : JsonSerializerContext;

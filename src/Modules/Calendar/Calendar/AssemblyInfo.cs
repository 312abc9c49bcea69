using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Host")]
[assembly: InternalsVisibleTo("Calendar.Tests")]
[assembly: InternalsVisibleTo("Calendar.IntegrationTests")]
[assembly: InternalsVisibleTo("Bench")]

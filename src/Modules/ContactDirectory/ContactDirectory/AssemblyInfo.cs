using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Host")]
[assembly: InternalsVisibleTo("ContactDirectory.Tests")]
[assembly: InternalsVisibleTo("ContactDirectory.IntegrationTests")]
[assembly: InternalsVisibleTo("Bench")]

using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Host")]
[assembly: InternalsVisibleTo("Synchronization.Tests")]
[assembly: InternalsVisibleTo("Synchronization.IntegrationTests")]
[assembly: InternalsVisibleTo("Bench")]

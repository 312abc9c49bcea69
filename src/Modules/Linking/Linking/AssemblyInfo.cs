using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Host")]
[assembly: InternalsVisibleTo("Linking.Tests")]
[assembly: InternalsVisibleTo("Linking.IntegrationTests")]

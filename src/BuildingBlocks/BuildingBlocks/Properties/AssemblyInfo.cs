using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Host")]
[assembly: InternalsVisibleTo("BuildingBlocks.Tests")]

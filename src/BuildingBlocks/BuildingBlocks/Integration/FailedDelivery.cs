namespace NavusoftSync.BuildingBlocks.Integration;

/// <summary>One handler's delivery that failed every attempt: the handler's name, its last exception, the attempts made.</summary>
internal sealed record FailedDelivery(string Handler, Exception Exception, int Attempts);

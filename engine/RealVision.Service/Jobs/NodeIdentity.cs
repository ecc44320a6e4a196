namespace RealVision.Service.Jobs;

/// <summary>Names this process in task leases and the completed_by column: host, process id and a random suffix.</summary>
public sealed class NodeIdentity
{
    public NodeIdentity()
    {
        Name = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
    }

    public string Name { get; }
}

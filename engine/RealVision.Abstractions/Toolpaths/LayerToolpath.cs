namespace RealVision.Abstractions.Toolpaths;

/// <summary>A layer's ordered toolpath. Z is the top of the layer (where the nozzle prints), in micrometres.</summary>
public sealed class LayerToolpath
{
    public required int Index { get; init; }

    public required long Z { get; init; }

    public required long Height { get; init; }

    public required IReadOnlyList<ToolpathItem> Items { get; init; }

    /// <summary>Part-cooling fan speed, 0 to 1.</summary>
    public double FanSpeed { get; init; }

    /// <summary>Nozzle temperature for this layer, °C.</summary>
    public double NozzleTemperatureC { get; init; }

    /// <summary>Estimated print time of the layer, seconds.</summary>
    public double EstimatedTimeS { get; init; }
}

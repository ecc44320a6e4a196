using System.Text.Json.Nodes;

namespace RealVision.Service.Api;

/// <summary>Position, rotation (degrees about X, then Y, then Z) and scale sent with an STL task.</summary>
public readonly record struct ModelTransform(
    double X, double Y, double Z, double RotationX, double RotationY, double RotationZ, double ScaleX, double ScaleY, double ScaleZ)
{
    public static ModelTransform Identity { get; } = new(0, 0, 0, 0, 0, 0, 1, 1, 1);

    public bool IsIdentity => this == Identity;
}

/// <summary>
/// A slicing request after its HTTP shape was read: multipart /ws/tasks, JSON /ws/tasks, ProvideFile
/// or StartSlicingTask. Files are already written into <see cref="StagingFolder"/> under fixed names.
/// </summary>
public sealed class TaskSubmission
{
    public required string StagingFolder { get; init; }

    /// <summary>Task id the client asked for, as sent; null for a generated one.</summary>
    public string? RequestedTaskId { get; set; }

    /// <summary>The client's name of the model file; it decides the format and the download name.</summary>
    public string? InputName { get; set; }

    /// <summary>True once the model file is in the staging folder as <see cref="StagedInputFile"/>.</summary>
    public bool HasInput { get; set; }

    public string? PrinterModel { get; set; }

    public string? ConfigPresetName { get; set; }

    public string? SupportType { get; set; }

    public string? OutputFormat { get; set; }

    /// <summary>The client's name of its printer configuration, when it sent one.</summary>
    public string? ConfigName { get; set; }

    public bool HasConfig { get; set; }

    public string? PointCloudName { get; set; }

    public bool HasPointCloud { get; set; }

    /// <summary>Point-cloud grid as sent (array or text); parsed and checked by the task service.</summary>
    public string? ArrayDimensionsText { get; set; }

    /// <summary>Engine setting overrides, key to invariant-culture text.</summary>
    public Dictionary<string, string> Settings { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ModelTransform Transform { get; set; } = ModelTransform.Identity;

    /// <summary>The files as the client named them, echoed by GET /ws/tasks/{id}.</summary>
    public JsonArray Files { get; } = new();

    public const string StagedInputFile = "input.bin";
    public const string StagedConfigFile = "config.xml";
    public const string StagedPointCloudFile = "pointcloud.pc";

    public string StagedInputPath => Path.Combine(StagingFolder, StagedInputFile);

    public string StagedConfigPath => Path.Combine(StagingFolder, StagedConfigFile);

    public string StagedPointCloudPath => Path.Combine(StagingFolder, StagedPointCloudFile);

    public void AddFileEcho(string? fileName, string type, string? fileId = null)
    {
        var file = new JsonObject { ["fileName"] = fileName, ["type"] = type };
        if (fileId is not null)
        {
            file["fileId"] = fileId;
        }

        Files.Add(file);
    }
}

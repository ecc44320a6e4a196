using RealVision.Engine.Pipeline;
using RealVision.Service.Data;

namespace RealVision.Service.Api;

/// <summary>The engine setting overrides of a task: its settings JSON plus its output format.</summary>
public static class TaskSettings
{
    public static IReadOnlyDictionary<string, string> Overrides(TaskRecord task)
    {
        Dictionary<string, string> settings = string.IsNullOrEmpty(task.SettingsJson)
            ? new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            : SliceRequest.SettingsFromJson(task.SettingsJson);
        if (!string.IsNullOrEmpty(task.OutputFormat))
        {
            settings["output_format"] = task.OutputFormat;
        }

        return settings;
    }
}

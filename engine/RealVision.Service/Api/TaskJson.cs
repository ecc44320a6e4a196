using System.Globalization;
using System.Text.Json.Nodes;
using RealVision.Service.Data;

namespace RealVision.Service.Api;

/// <summary>The REST task object (POST and GET /ws/tasks) and the text forms the RPC endpoints use.</summary>
public static class TaskJson
{
    // API v1 wrote unset dates as .NET's DateTime.MinValue.
    private const string UnsetDate = "0001-01-01T00:00:00";

    public static JsonObject Task(TaskRecord task, string pathBase)
    {
        JsonNode? files = string.IsNullOrEmpty(task.FilesJson) ? new JsonArray() : JsonNode.Parse(task.FilesJson);
        var settings = new JsonObject
        {
            ["printerModel"] = task.Printer,
            ["configPresetName"] = task.Preset,
            ["supportType"] = task.Support,
            ["outputFormat"] = task.OutputFormat,
        };
        if (task.ArrayDimensions is not null)
        {
            settings["arrayDimensions"] = new JsonArray(task.ArrayDimensions.Split(',').Select(d => (JsonNode?)int.Parse(d, CultureInfo.InvariantCulture)).ToArray());
        }

        if (task.SettingsJson is not null && JsonNode.Parse(task.SettingsJson) is JsonObject overrides)
        {
            foreach ((string name, JsonNode? value) in overrides)
            {
                settings[name] = value?.DeepClone();
            }
        }

        var json = new JsonObject
        {
            ["taskId"] = task.Id,
            ["status"] = task.State,
            ["progress"] = Math.Round(ProgressValue(task), 4),
            ["stage"] = task.Stage,
            ["queueDate"] = Date(task.QueuedAt),
            ["startDate"] = Date(task.StartedAt),
            ["endDate"] = Date(task.EndedAt),
            ["files"] = files,
            ["settings"] = settings,
            ["errorCode"] = task.ErrorCode,
            ["errorMessage"] = task.ErrorMessage,
            ["warnings"] = new JsonArray(task.Warnings.Select(w => (JsonNode?)w).ToArray()),
            ["printingInformation"] = task.State == TaskStates.Completed
                ? new JsonObject
                {
                    ["time"] = Math.Round(task.PrintTimeSeconds ?? 0),
                    ["length"] = Math.Round(task.FilamentLengthMm ?? 0, 1),
                    ["weight"] = Math.Round(task.FilamentWeightGrams ?? 0, 2),
                    ["layers"] = task.LayerCount,
                }
                : null,
            ["fileName"] = task.State == TaskStates.Completed ? TaskService.DownloadName(task) : null,
            ["downloadUrl"] = task.State == TaskStates.Completed ? $"{pathBase}/ws/tasks/{task.Id}/download" : null,
        };
        return json;
    }

    /// <summary>Progress as a number: 0..1 while queued or running, 1 when completed, -1 after failure or cancellation.</summary>
    public static double ProgressValue(TaskRecord task) => task.State switch
    {
        TaskStates.Completed => 1,
        TaskStates.Failed or TaskStates.Cancelled => -1,
        TaskStates.Queued => 0,
        _ => Math.Clamp(task.Progress, 0, 0.9999),
    };

    /// <summary>
    /// GetProgress's text: exactly "1" when the result is ready and "-1" after failure or cancellation
    /// (clients compare these strings), otherwise the fraction with '.' and at most four decimals.
    /// </summary>
    public static string ProgressText(TaskRecord task) =>
        ProgressValue(task).ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>GetPrintingInformation's strings: whole seconds, millimetres of filament and grams; empty while unfinished.</summary>
    public static JsonObject PrintingInformation(TaskRecord task)
    {
        bool done = task.State == TaskStates.Completed;
        return new JsonObject
        {
            ["time"] = done ? Math.Round(task.PrintTimeSeconds ?? 0).ToString("0", CultureInfo.InvariantCulture) : "",
            ["length"] = done ? (task.FilamentLengthMm ?? 0).ToString("0.##", CultureInfo.InvariantCulture) : "",
            ["weight"] = done ? (task.FilamentWeightGrams ?? 0).ToString("0.##", CultureInfo.InvariantCulture) : "",
        };
    }

    private static string Date(DateTimeOffset? value) =>
        value is null ? UnsetDate : value.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}

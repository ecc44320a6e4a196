using System.Text.Encodings.Web;
using System.Text.Json;
using RealVision.Abstractions.Toolpaths;
using RealVision.Engine.Pipeline;

namespace RealVision.Interop;

/// <summary>Writes a slice result's statistics as the JSON object that rv_result_statistics_json returns.</summary>
internal static class StatisticsJson
{
    // Relaxed escaping keeps units such as "mm³" in warnings readable; the JSON is never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Returns the UTF-8 JSON (without a terminating NUL); the key names are part of the ABI and documented in realvision.h.</summary>
    public static byte[] Write(SliceResult result)
    {
        PrintStatistics statistics = result.Statistics;
        using var buffer = new MemoryStream(512);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteNumber("layers", statistics.LayerCount);
            WriteNumber(writer, "estimated_time_s", statistics.EstimatedTimeS);
            WriteNumber(writer, "filament_length_mm", statistics.FilamentLengthMm);
            WriteNumber(writer, "filament_volume_mm3", statistics.FilamentVolumeMm3);
            WriteNumber(writer, "filament_weight_g", statistics.FilamentWeightG);
            writer.WriteStartArray("extrusion_bounds_mm");
            foreach (double value in statistics.ExtrusionBoundsMm)
            {
                WriteNumberValue(writer, value);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("warnings");
            foreach (string warning in statistics.Warnings)
            {
                writer.WriteStringValue(warning);
            }

            writer.WriteEndArray();
            writer.WriteString("printer", result.PrinterName);
            writer.WriteString("dialect", result.Dialect);
            writer.WriteString("file_extension", result.FileExtension);
            writer.WriteString("content_type", result.ContentType);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, double value)
    {
        writer.WritePropertyName(name);
        WriteNumberValue(writer, value);
    }

    // JSON has no NaN or infinity; a statistic without a finite value is written as null.
    private static void WriteNumberValue(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using RealVision.Abstractions.Errors;
using RealVision.Abstractions.Model;
using RealVision.Abstractions.Plugins;

namespace RealVision.Formats.Rvwj;

/// <summary>
/// Reads REALvision workspace files: JSON with models whose triangle meshes are already placed in
/// absolute bed coordinates (mm). The portal names the extension .rvwj, and the workspace generator writes .json.
/// </summary>
public sealed partial class WorkspaceFormat : IInputFormat
{
    /// <summary>Maximum nesting depth of the JSON document. The known workspace files nest five levels deep.</summary>
    public const int MaxJsonDepth = 64;

    private static readonly string[] SupportedExtensions = { ".rvwj", ".json" };

    public string Name => "rvwj";

    public string Description => "REALvision workspace files (.rvwj, .json): models with placed meshes, priorities and modifiers.";

    public IReadOnlyList<string> Extensions => SupportedExtensions;

    public Workspace Read(Stream input, InputContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(context);

        WorkspaceDocument? document = Deserialize(input, context);
        if (document is null)
        {
            throw Invalid(context, "the file contains JSON null instead of a workspace object. Export the workspace again.");
        }

        if (document.Models is null)
        {
            throw Invalid(context, "the workspace has no Models array. Add the models, or export the workspace again.");
        }

        if (document.Models.Count == 0)
        {
            throw Invalid(context, "the Models array is empty, so there is nothing to slice. Add at least one model.");
        }

        var workspace = new Workspace
        {
            HasAbsolutePlacement = true,
            PrinterTag = document.Printer?.Dummy,
            SelectedSupport = document.SelectedSupport,
        };

        for (int i = 0; i < document.Models.Count; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            workspace.Models.Add(ReadModel(document.Models[i], i, context));
        }

        return workspace;
    }

    private static WorkspaceDocument? Deserialize(Stream input, InputContext context)
    {
        try
        {
            // The serializer reads the stream in chunks, so the file never exists as one string.
            return JsonSerializer.Deserialize(input, WorkspaceJsonContext.Default.WorkspaceDocument);
        }
        catch (JsonException exception)
        {
            throw new InputException(ErrorCodes.InvalidInput, DescribeJsonError(exception, context), exception);
        }
        catch (IOException exception)
        {
            throw new InputException(
                ErrorCodes.InvalidInput,
                $"{context.FileName}: the workspace could not be read ({exception.Message}). Check that the file is complete and readable.",
                exception);
        }
    }

    private static ModelDefinition ReadModel(ModelEntry? entry, int index, InputContext context)
    {
        if (entry is null)
        {
            throw Invalid(context, $"Models[{index}] is null instead of a model object. Remove it or export the workspace again.");
        }

        MetaDataSection meta = entry.MetaData ?? new MetaDataSection();
        string label = DescribeModel(index, meta.Name);
        Mesh mesh = ReadMesh(entry, label, context);
        WarnAboutLegacyTransform(entry, label, context);

        (Dictionary<string, JsonElement> settings, bool hasModifierBlock) = ReadModifierSettings(meta, label, context);
        return new ModelDefinition
        {
            Name = string.IsNullOrEmpty(meta.Name) ? $"Models[{index}]" : meta.Name,
            Mesh = mesh,
            SlicingPriority = meta.SlicingPriority ?? 0,
            ModifierSettings = settings,
            HasModifierBlock = hasModifierBlock,
            FileReference = meta.FileReference,
            Watertight = meta.Watertight,
            PrintingMaterial = meta.PrintingMaterial ?? 0,
        };
    }

    /// <summary>Decodes triangles through ModelIndices, never assuming that corners come in file order.</summary>
    private static Mesh ReadMesh(ModelEntry entry, string label, InputContext context)
    {
        List<WorkspaceVertex>? positions = entry.ModelPositions;
        List<int>? indices = entry.ModelIndices;
        if (positions is null || positions.Count == 0 || indices is null || indices.Count == 0)
        {
            throw Invalid(
                context,
                $"{label} has no mesh: ModelPositions and ModelIndices must both list the triangle corners. Export the workspace again.");
        }

        if (indices.Count % 3 != 0)
        {
            throw Invalid(
                context,
                $"{label}: ModelIndices has {indices.Count} entries, which is not a multiple of 3 (three corners per triangle). Export the workspace again.");
        }

        for (int i = 0; i < positions.Count; i++)
        {
            WorkspaceVertex p = positions[i];
            if (!double.IsFinite(p.X) || !double.IsFinite(p.Y) || !double.IsFinite(p.Z))
            {
                throw Invalid(
                    context,
                    $"{label}: ModelPositions[{i}] is ({Format(p.X)}, {Format(p.Y)}, {Format(p.Z)}), and every coordinate must be a finite number (a null coordinate is shown as NaN). Repair the mesh and export the workspace again.");
            }
        }

        // Maps a position index to its welded vertex index. The value -1 marks positions not used yet.
        var welded = new int[positions.Count];
        Array.Fill(welded, -1);
        var builder = new MeshBuilder(indices.Count / 3);
        Span<int> corners = stackalloc int[3];
        for (int i = 0; i < indices.Count; i += 3)
        {
            for (int corner = 0; corner < 3; corner++)
            {
                int position = indices[i + corner];
                if (position < 0 || position >= positions.Count)
                {
                    throw Invalid(
                        context,
                        $"{label}: ModelIndices[{i + corner}] is {position}, outside ModelPositions (valid indices are 0 to {positions.Count - 1}). Export the workspace again.");
                }

                if (welded[position] < 0)
                {
                    WorkspaceVertex p = positions[position];
                    welded[position] = builder.AddVertex(p.X, p.Y, p.Z);
                }

                corners[corner] = welded[position];
            }

            builder.AddTriangle(corners[0], corners[1], corners[2]);
        }

        return builder.Build();
    }

    /// <summary>
    /// Collects the members of metaData.Modifier. A FillDensityFactor placed directly in metaData,
    /// as in the portal's example, is moved into the settings unless the Modifier block sets it too.
    /// </summary>
    private static (Dictionary<string, JsonElement> Settings, bool HasModifierBlock) ReadModifierSettings(
        MetaDataSection meta, string label, InputContext context)
    {
        var settings = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        bool hasBlock = false;
        if (meta.Modifier is { } modifier && modifier.ValueKind != JsonValueKind.Null)
        {
            if (modifier.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(
                    context,
                    $"{label}: metaData.Modifier is a JSON {modifier.ValueKind}, but it must be an object such as {{\"FillDensityFactor\": 0.5}}.");
            }

            hasBlock = true;
            foreach (JsonProperty property in modifier.EnumerateObject())
            {
                settings[property.Name] = property.Value;
            }
        }

        if (meta.FillDensityFactor is { } direct && direct.ValueKind != JsonValueKind.Null)
        {
            if (settings.TryAdd("FillDensityFactor", direct))
            {
                context.Warnings.Add(
                    $"{context.FileName}: {label} has FillDensityFactor directly in metaData; it was read as metaData.Modifier.FillDensityFactor, where it belongs.");
            }
            else
            {
                context.Warnings.Add(
                    $"{context.FileName}: {label} has FillDensityFactor both in metaData and in metaData.Modifier; the value in Modifier was used.");
            }

            hasBlock = true;
        }

        return (settings, hasBlock);
    }

    private static void WarnAboutLegacyTransform(ModelEntry entry, string label, InputContext context)
    {
        var changed = new List<string>();
        AddIfChanged(changed, "position", entry.Position, 0);
        AddIfChanged(changed, "scale", entry.Scale, 1);
        AddIfChanged(changed, "rotationX", entry.RotationX);
        AddIfChanged(changed, "rotationY", entry.RotationY);
        AddIfChanged(changed, "rotationZ", entry.RotationZ);
        AddIfChanged(changed, "FlipedX", entry.FlipedX);
        AddIfChanged(changed, "FlipedY", entry.FlipedY);
        AddIfChanged(changed, "FlipedZ", entry.FlipedZ);
        if (changed.Count > 0)
        {
            context.Warnings.Add(
                $"{context.FileName}: {label} sets legacy transform fields ({string.Join(", ", changed)}); they were ignored because workspace vertices already carry the final placement.");
        }
    }

    private static void AddIfChanged(List<string> changed, string field, LegacyVector? value, double defaultValue)
    {
        if (value is null)
        {
            return;
        }

        bool differs = (value.X ?? defaultValue) != defaultValue
            || (value.Y ?? defaultValue) != defaultValue
            || (value.Z ?? defaultValue) != defaultValue;
        if (differs)
        {
            changed.Add($"{field} ({Format(value.X ?? defaultValue)}, {Format(value.Y ?? defaultValue)}, {Format(value.Z ?? defaultValue)})");
        }
    }

    private static void AddIfChanged(List<string> changed, string field, double? value)
    {
        if (value is { } angle && angle != 0)
        {
            changed.Add($"{field} {Format(angle)}");
        }
    }

    private static void AddIfChanged(List<string> changed, string field, bool? value)
    {
        if (value == true)
        {
            changed.Add($"{field} true");
        }
    }

    private static string DescribeModel(int index, string? name) =>
        string.IsNullOrEmpty(name) ? $"model Models[{index}]" : $"model '{name}' (Models[{index}])";

    private static string DescribeJsonError(JsonException exception, InputContext context)
    {
        string reason = exception.Message;
        int suffix = reason.IndexOf(" Path: ", StringComparison.Ordinal);
        if (suffix < 0)
        {
            suffix = reason.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        if (suffix >= 0)
        {
            reason = reason[..suffix];
        }

        string position = exception.LineNumber is { } line
            ? $" at line {line + 1}, byte {exception.BytePositionInLine + 1}"
            : string.Empty;
        string path = string.IsNullOrEmpty(exception.Path) ? string.Empty : $", JSON path {exception.Path}";
        string model = string.Empty;
        if (exception.Path is { } jsonPath && ModelPathPattern().Match(jsonPath) is { Success: true } match)
        {
            model = $" in model Models[{match.Groups[1].Value}]";
        }

        return $"{context.FileName}: the workspace is not valid JSON or does not match the workspace format{model}{position}{path}: {reason} Check the file, or export the workspace again.";
    }

    [GeneratedRegex(@"^\$\.models\[(\d+)\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ModelPathPattern();

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static InputException Invalid(InputContext context, string detail) =>
        new(ErrorCodes.InvalidInput, $"{context.FileName}: {detail}");
}

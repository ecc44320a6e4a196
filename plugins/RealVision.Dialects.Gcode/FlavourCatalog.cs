using System.Text.Json;
using RealVision.Abstractions.Errors;

namespace RealVision.Dialects.Gcode;

/// <summary>
/// The manifest of a flavour folder (<c>flavor.json</c>): its name, version,
/// the template blocks the folder overrides, and the flavour it inherits the
/// other blocks from.
/// </summary>
public sealed record FlavourManifest(
    string Name,
    string Version,
    string Description,
    string? Base,
    IReadOnlyList<string> Overrides,
    string Path);

/// <summary>A flavour with the template file chosen for every block.</summary>
public sealed record ResolvedFlavour(
    string Name,
    FlavourManifest? Manifest,
    IReadOnlyDictionary<string, string> BlockFiles,
    IReadOnlyList<string> InheritanceChain);

/// <summary>
/// Finds G-code flavours: folders of Scriban templates (<c>BLOCK.scriban</c>)
/// with an optional <c>flavor.json</c> manifest. For each root folder, a
/// flavour named N is looked for in <c>ROOT/N/</c>, <c>ROOT/templates/N/</c>
/// and <c>ROOT/PLUGIN/templates/N/</c> (plugin subfolders in ordinal order).
/// So a folder of flavours, a plugin's own folder and a folder of plugins
/// can all be passed as roots. Roots are
/// searched in order. For every block the first folder of the flavour that
/// contains the file wins, and a block that no folder of the flavour contains
/// comes from its base flavour.
/// </summary>
public sealed class FlavourCatalog
{
    /// <summary>File name of a flavour's manifest.</summary>
    public const string ManifestFileName = "flavor.json";

    /// <summary>Flavour that folders without a manifest inherit missing blocks from.</summary>
    public const string DefaultBase = "marlin";

    /// <summary>
    /// Every template block the G-code writer renders: <c>start</c>,
    /// <c>end</c>, <c>layer_change</c>, <c>retract</c>, <c>unretract</c>,
    /// <c>set_fan</c> and <c>set_nozzle_temperature</c>.
    /// </summary>
    public static IReadOnlyList<string> Blocks { get; } =
        ["start", "end", "layer_change", "retract", "unretract", "set_fan", "set_nozzle_temperature"];

    private static readonly string[] ManifestProperties = ["name", "version", "description", "base", "overrides"];

    public FlavourCatalog(IEnumerable<string> roots)
    {
        Roots = roots.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Root folders in search order, as full paths.</summary>
    public IReadOnlyList<string> Roots { get; }

    /// <summary>Existing folders of flavour <paramref name="name"/>, in search order.</summary>
    public IReadOnlyList<string> FindFolders(string name)
    {
        if (!IsValidName(name))
        {
            return [];
        }

        return Roots
            .SelectMany(TemplateParents)
            .Select(parent => Path.Combine(parent, name))
            .Where(Directory.Exists)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Names of every flavour found under the roots (folders with a manifest or at least one template).</summary>
    public IReadOnlyList<string> AvailableFlavours()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string root in Roots)
        {
            foreach (string parent in TemplateParents(root))
            {
                foreach (string folder in Directory.EnumerateDirectories(parent))
                {
                    if (File.Exists(Path.Combine(folder, ManifestFileName))
                        || Directory.EnumerateFiles(folder, "*.scriban").Any())
                    {
                        names.Add(Path.GetFileName(folder));
                    }
                }
            }
        }

        return names.ToList();
    }

    /// <summary>
    /// Chooses the template file of every block of flavour <paramref name="name"/>,
    /// following base flavours, and checks each manifest on the way.
    /// </summary>
    /// <exception cref="DialectException">The flavour, a base flavour or a block is missing, or a manifest is invalid.</exception>
    public ResolvedFlavour Resolve(string name) => Resolve(name, new List<string>());

    /// <summary>Reads and checks the manifest in <paramref name="folder"/>.</summary>
    /// <exception cref="DialectException">The manifest is not valid JSON or breaks a rule; the message names the file and the field.</exception>
    public static FlavourManifest LoadManifest(string folder)
    {
        string path = Path.Combine(folder, ManifestFileName);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new DialectException(
                $"Flavour manifest {path}, line {ex.LineNumber + 1}, column {ex.BytePositionInLine + 1}: invalid JSON: {ex.Message}");
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw ManifestError(path, "the manifest must be a JSON object");
            }

            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (!ManifestProperties.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw ManifestError(path, $"unknown field '{property.Name}'; the fields are {string.Join(", ", ManifestProperties)}");
                }
            }

            string name = RequiredText(root, "name", path);
            string folderName = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
            if (!string.Equals(name, folderName, StringComparison.Ordinal))
            {
                throw ManifestError(path, $"'name' is '{name}' but the folder is '{folderName}'; they must match");
            }

            string version = RequiredText(root, "version", path);
            string description = OptionalText(root, "description", path) ?? "";
            string? baseName = OptionalText(root, "base", path);
            if (baseName is not null && !IsValidName(baseName))
            {
                throw ManifestError(path, $"'base' is '{baseName}', which is not a flavour folder name");
            }

            if (!root.TryGetProperty("overrides", out JsonElement overridesElement) || overridesElement.ValueKind != JsonValueKind.Array)
            {
                throw ManifestError(path, $"'overrides' is missing; list the blocks this folder defines, from {string.Join(", ", Blocks)}");
            }

            var overrides = new List<string>();
            foreach (JsonElement item in overridesElement.EnumerateArray())
            {
                string? block = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                if (block is null || !Blocks.Contains(block, StringComparer.Ordinal))
                {
                    throw ManifestError(path, $"'overrides' lists '{item}', which is not a block; the blocks are {string.Join(", ", Blocks)}");
                }

                overrides.Add(block);
            }

            return new FlavourManifest(name, version, description, baseName, overrides, path);
        }
    }

    private ResolvedFlavour Resolve(string name, List<string> chain)
    {
        if (chain.Contains(name, StringComparer.Ordinal))
        {
            throw new DialectException(
                $"G-code flavours inherit from each other in a loop: {string.Join(" -> ", chain.Append(name))}; fix 'base' in their {ManifestFileName}.");
        }

        chain.Add(name);
        IReadOnlyList<string> folders = FindFolders(name);
        if (folders.Count == 0)
        {
            string inherited = chain.Count > 1 ? $" (base flavour of '{chain[^2]}')" : "";
            throw new DialectException(
                $"G-code flavour '{name}'{inherited} was not found in {string.Join(", ", Roots)}; available flavours: {string.Join(", ", AvailableFlavours())}. Check the gcode_flavor setting.");
        }

        string? manifestFolder = folders.FirstOrDefault(f => File.Exists(Path.Combine(f, ManifestFileName)));
        FlavourManifest? manifest = manifestFolder is null ? null : LoadManifest(manifestFolder);
        if (manifest is not null)
        {
            CheckOverrides(manifest, manifestFolder!, folders);
        }

        // A folder without a manifest inherits from marlin, unless it is marlin.
        string? baseName = manifest?.Base;
        if (manifest is null && name != DefaultBase)
        {
            baseName = DefaultBase;
        }
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        ResolvedFlavour? baseFlavour = null;
        foreach (string block in Blocks)
        {
            string? file = folders
                .Select(folder => Path.Combine(folder, block + ".scriban"))
                .FirstOrDefault(File.Exists);
            if (file is null)
            {
                if (baseName is null)
                {
                    throw new DialectException(
                        $"G-code flavour '{name}' has no template '{block}.scriban' in {string.Join(", ", folders)} and no base flavour to inherit it from; add the file or set 'base' in {ManifestFileName}.");
                }

                baseFlavour ??= Resolve(baseName, chain);
                file = baseFlavour.BlockFiles[block];
            }

            files[block] = file;
        }

        // The inheritance chain as seen from this flavour: itself, then its bases.
        IReadOnlyList<string> inheritance = baseFlavour is null
            ? [name]
            : [name, .. baseFlavour.InheritanceChain];
        chain.RemoveAt(chain.Count - 1);
        return new ResolvedFlavour(name, manifest, files, inheritance);
    }

    // The manifest lists exactly the templates of its own folder, so a stray
    // or missing file is reported instead of silently changing the output.
    private static void CheckOverrides(FlavourManifest manifest, string manifestFolder, IReadOnlyList<string> folders)
    {
        foreach (string file in Directory.EnumerateFiles(manifestFolder, "*.scriban").Order(StringComparer.Ordinal))
        {
            string block = Path.GetFileNameWithoutExtension(file);
            if (!manifest.Overrides.Contains(block, StringComparer.Ordinal))
            {
                throw ManifestError(manifest.Path,
                    $"the folder holds '{Path.GetFileName(file)}' but 'overrides' does not list '{block}'; add it to 'overrides' or remove the file");
            }
        }

        foreach (string block in manifest.Overrides)
        {
            if (!folders.Any(folder => File.Exists(Path.Combine(folder, block + ".scriban"))))
            {
                throw ManifestError(manifest.Path, $"'overrides' lists '{block}' but '{block}.scriban' is missing from {manifestFolder}");
            }
        }
    }

    // Folders whose subfolders can be flavours: the root, its templates/, and
    // the templates/ of each plugin subfolder.
    private static IEnumerable<string> TemplateParents(string root)
    {
        if (!Directory.Exists(root))
        {
            yield break;
        }

        yield return root;
        string own = Path.Combine(root, "templates");
        if (Directory.Exists(own))
        {
            yield return own;
        }

        foreach (string plugin in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal))
        {
            string templates = Path.Combine(plugin, "templates");
            if (Directory.Exists(templates) && templates != own)
            {
                yield return templates;
            }
        }
    }

    private static bool IsValidName(string name) =>
        name.Length > 0
        && name.IndexOfAny(Path.GetInvalidFileNameChars()) < 0
        && name is not "." and not ".."
        && !name.Contains('/')
        && !name.Contains('\\');

    private static string RequiredText(JsonElement root, string property, string path) =>
        OptionalText(root, property, path) is { Length: > 0 } text
            ? text
            : throw ManifestError(path, $"'{property}' is missing or empty");

    private static string? OptionalText(JsonElement root, string property, string path)
    {
        if (!root.TryGetProperty(property, out JsonElement element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return element.ValueKind == JsonValueKind.String
            ? element.GetString()
            : throw ManifestError(path, $"'{property}' must be a string, not {element.ValueKind.ToString().ToLowerInvariant()}");
    }

    private static DialectException ManifestError(string path, string message) =>
        new($"Flavour manifest {path}: {message}.");
}

using System.Text;
using RealVision.Abstractions.Errors;
using RealVision.Abstractions.Toolpaths;
using RealVision.Dialects.Gcode;

namespace RealVision.Dialects.Tests;

/// <summary>Flavour folders made by the tests: found, inherited from, and rejected with file, line and column when broken.</summary>
public sealed class GcodeTemplateTests
{
    private static string Write(PrintJob job) => Encoding.UTF8.GetString(TestJobs.Write(new GcodeDialect(), job));

    [Fact]
    public void CustomFlavour_IsFoundAndInherits()
    {
        using var folder = new TempFolder();
        folder.Write("acme/flavor.json", """
            { "name": "acme", "version": "2.0.0", "description": "Test printer", "base": "klipper", "overrides": ["layer_change"] }
            """);
        folder.Write("acme/layer_change.scriban", "ACME_LAYER N={{ layer.number }} Z={{ layer.z }} ; {{ flavour.name }} {{ flavour.version }}\n");

        string gcode = Write(TestJobs.Job("acme", [folder.Path]));

        GcodeCheck check = GcodeCheck.Parse(gcode);
        Assert.Equal(new[] { "ACME_LAYER N=1 Z=0.2", "ACME_LAYER N=2 Z=0.4", "ACME_LAYER N=3 Z=0.6", "ACME_LAYER N=4 Z=0.8" },
            check.Lines("ACME_LAYER"));
        Assert.Contains("; acme 2.0.0", gcode);
        // start comes from klipper, retract from klipper's base, marlin.
        Assert.Contains("SET_VELOCITY_LIMIT", check.Commands);
        Assert.Contains("G1 E-5 F2400", check.CommandLines);
        Assert.DoesNotContain("SET_PRINT_STATS_INFO CURRENT_LAYER=1", check.CommandLines);
    }

    [Fact]
    public void CustomFlavour_InPluginTemplatesFolder()
    {
        using var plugin = new TempFolder();
        plugin.Write("templates/acme/flavor.json", """
            { "name": "acme", "version": "1", "base": "marlin", "overrides": ["start"] }
            """);
        plugin.Write("templates/acme/start.scriban", "ACME_START\n");

        GcodeCheck check = GcodeCheck.Parse(Write(TestJobs.Job("acme", [plugin.Path])));

        Assert.Contains("ACME_START", check.Commands);
        Assert.DoesNotContain("G28", check.Commands);
        Assert.Equal(TestJobs.LayerCount, check.Layers);
    }

    [Fact]
    public void CustomFlavour_InFolderOfPlugins()
    {
        using var plugins = new TempFolder();
        plugins.Write("acme-printer/templates/acme/flavor.json", """
            { "name": "acme", "version": "1", "base": "reprapfirmware", "overrides": ["end"] }
            """);
        plugins.Write("acme-printer/templates/acme/end.scriban", "M84 ; acme end\n");

        GcodeCheck check = GcodeCheck.Parse(Write(TestJobs.Job("acme", [plugins.Path])));

        Assert.Equal("M84", check.CommandLines[^1]);
        Assert.Contains("M116", check.Commands);
        Assert.Contains("acme", new FlavourCatalog([plugins.Path]).AvailableFlavours());
    }

    [Fact]
    public void UserFolder_OverridesShippedBlock()
    {
        using var folder = new TempFolder();
        folder.Write("marlin/end.scriban", "M84 ; only motors off\n");

        GcodeCheck check = GcodeCheck.Parse(Write(TestJobs.Job("marlin", [folder.Path])));

        Assert.Contains("M84", check.Commands);
        Assert.DoesNotContain("M140 S0", check.CommandLines);
        // The other blocks still come from the shipped marlin folder.
        Assert.Contains("M109 S210", check.CommandLines);
    }

    [Fact]
    public void FolderWithoutManifest_InheritsFromMarlin()
    {
        using var folder = new TempFolder();
        folder.Write("legacy/start.scriban", "G28\n");

        GcodeCheck check = GcodeCheck.Parse(Write(TestJobs.Job("legacy", [folder.Path])));

        Assert.DoesNotContain("M109", check.Commands);
        Assert.Contains("M117", check.Commands);
    }

    [Fact]
    public void SyntaxError_NamesFileLineColumn_WritesNothing()
    {
        using var folder = new TempFolder();
        string line2 = "M106 S{{ fan.speed ) }}";
        string path = folder.Write("broken/set_fan.scriban", "; fan\n" + line2 + "\n");
        folder.Write("broken/flavor.json", """{ "name": "broken", "version": "1", "base": "marlin", "overrides": ["set_fan"] }""");

        (DialectException error, long written) = CreateWriterFails(TestJobs.Job("broken", [folder.Path]));

        Assert.Equal(ErrorCodes.DialectFailed, error.ErrorCode);
        Assert.Contains(path, error.Message);
        Assert.Contains($"line 2, column {line2.IndexOf(')') + 1}", error.Message);
        Assert.Equal(0, written);
    }

    [Theory]
    [InlineData("layer_change")]
    [InlineData("set_nozzle_temperature")]
    [InlineData("set_fan")]
    [InlineData("end")]
    [InlineData("start")]
    public void RuntimeError_NamesFileLineColumn_WritesNothing(string block)
    {
        using var folder = new TempFolder();
        string line3 = "M117 {{ layer_count_typo }}";
        string path = folder.Write($"broken/{block}.scriban", "; first\n; second\n" + line3 + "\n");
        folder.Write("broken/flavor.json", $$"""{ "name": "broken", "version": "1", "base": "marlin", "overrides": ["{{block}}"] }""");

        (DialectException error, long written) = CreateWriterFails(TestJobs.Job("broken", [folder.Path]));

        Assert.Contains(path, error.Message);
        Assert.Contains($"line 3, column {line3.IndexOf("layer_count_typo", StringComparison.Ordinal) + 1}", error.Message);
        Assert.Contains("layer_count_typo", error.Message);
        Assert.Equal(0, written);
    }

    [Fact]
    public void BuiltinModules_AreAvailableToTemplates()
    {
        // The modules are created on first use; each must still behave as Scriban documents it.
        using var folder = new TempFolder();
        folder.Write("mods/layer_change.scriban", string.Join("\n",
            "M117 R{{ math.round (layer.z * 3.3) 2 }}",
            "M117 U{{ flavour.name | string.upcase }}",
            "M117 S{{ [3, 1, 2] | array.sort | array.join \"-\" }}",
            "M117 E{{ [] == empty }}",
            "M117 N{{ (math.floor layer.z * 10) + 1 }}") + "\n");
        folder.Write("mods/flavor.json", """{ "name": "mods", "version": "1", "base": "marlin", "overrides": ["layer_change"] }""");

        GcodeCheck check = GcodeCheck.Parse(Write(TestJobs.Job("mods", [folder.Path])));

        Assert.Equal(new[] { "M117 R0.66", "M117 R1.32", "M117 R1.98", "M117 R2.64" }, check.CommandLines.Where(l => l.StartsWith("M117 R")));
        Assert.All(check.CommandLines.Where(l => l.StartsWith("M117 U")), l => Assert.Equal("M117 UMODS", l));
        Assert.All(check.CommandLines.Where(l => l.StartsWith("M117 S")), l => Assert.Equal("M117 S1-2-3", l));
        Assert.All(check.CommandLines.Where(l => l.StartsWith("M117 E")), l => Assert.Equal("M117 Etrue", l));
        Assert.Equal(TestJobs.LayerCount, check.CommandLines.Count(l => l.StartsWith("M117 N")));
    }

    [Fact]
    public void MistypedSetting_IsRuntimeError()
    {
        using var folder = new TempFolder();
        string line1 = "M104 S{{ settings.nozzle_temprature }}";
        string path = folder.Write("broken/set_nozzle_temperature.scriban", line1 + "\n");
        folder.Write("broken/flavor.json", """{ "name": "broken", "version": "1", "base": "marlin", "overrides": ["set_nozzle_temperature"] }""");

        (DialectException error, long written) = CreateWriterFails(TestJobs.Job("broken", [folder.Path]));

        Assert.Contains($"{path}, line 1, column {line1.IndexOf("nozzle_temprature", StringComparison.Ordinal) + 1}", error.Message);
        Assert.Equal(0, written);
    }

    [Fact]
    public void DivisionByZero_IsRejected()
    {
        using var folder = new TempFolder();
        string path = folder.Write("broken/layer_change.scriban", "M117 ok\nM73 P{{ 100 / (layer.count - layer.count) }}\n");
        folder.Write("broken/flavor.json", """{ "name": "broken", "version": "1", "base": "marlin", "overrides": ["layer_change"] }""");

        (DialectException error, long written) = CreateWriterFails(TestJobs.Job("broken", [folder.Path]));

        Assert.Contains(path, error.Message);
        Assert.Contains("Infinity", error.Message);
        Assert.Contains("line 2", error.Message);
        Assert.Equal(0, written);
    }

    [Theory]
    [InlineData("""{ "name": "bad", "version": "1", "overrides": ["start"], "bases": "marlin" }""", "unknown field 'bases'")]
    [InlineData("""{ "name": "other", "version": "1", "overrides": [] }""", "'name' is 'other' but the folder is 'bad'")]
    [InlineData("""{ "name": "bad", "version": "1", "base": "marlin", "overrides": ["startup"] }""", "'overrides' lists 'startup'")]
    [InlineData("""{ "name": "bad", "version": "1", "base": "marlin", "overrides": ["start", "end"] }""", "'end.scriban' is missing")]
    [InlineData("""{ "name": "bad", "version": "1", "base": "marlin", "overrides": [] }""", "does not list 'start'")]
    [InlineData("""{ "name": "bad", "overrides": [] }""", "'version' is missing")]
    [InlineData("""{ "name": "bad", "version": "1", "overrides": ["start"] }""", "no base flavour")]
    [InlineData("""{ "name": "bad", "version": "1", "base": "nowhere", "overrides": ["start"] }""", "'nowhere' (base flavour of 'bad') was not found")]
    [InlineData("""{ "name": "bad", "version": "1", "base": "marlin", "overrides": ["start"], }""", "invalid JSON")]
    public void InvalidManifest_IsReported(string manifest, string expected)
    {
        using var folder = new TempFolder();
        folder.Write("bad/start.scriban", "G28\n");
        string manifestPath = folder.Write("bad/flavor.json", manifest);

        (DialectException error, long written) = CreateWriterFails(TestJobs.Job("bad", [folder.Path]));

        Assert.Contains(expected, error.Message);
        if (!expected.Contains("was not found") && !expected.Contains("no base flavour"))
        {
            Assert.Contains(manifestPath, error.Message);
        }

        Assert.Equal(0, written);
    }

    [Fact]
    public void InheritanceLoop_IsReported()
    {
        using var folder = new TempFolder();
        folder.Write("one/flavor.json", """{ "name": "one", "version": "1", "base": "two", "overrides": [] }""");
        folder.Write("two/flavor.json", """{ "name": "two", "version": "1", "base": "one", "overrides": [] }""");

        (DialectException error, _) = CreateWriterFails(TestJobs.Job("one", [folder.Path]));

        Assert.Contains("one -> two -> one", error.Message);
    }

    [Fact]
    public void UnknownFlavour_ListsAvailable()
    {
        (DialectException error, _) = CreateWriterFails(TestJobs.Job("prusa-buddy"));

        Assert.Contains("'prusa-buddy'", error.Message);
        Assert.Contains("klipper, marlin, reprapfirmware", error.Message);
        Assert.Contains("gcode_flavor", error.Message);
    }

    [Fact]
    public void Catalog_ListsShippedFlavours()
    {
        var catalog = new FlavourCatalog([GcodeDialect.DefaultTemplateFolder]);

        Assert.Equal(new[] { "klipper", "marlin", "reprapfirmware" }, catalog.AvailableFlavours());
        foreach (string name in catalog.AvailableFlavours())
        {
            ResolvedFlavour flavour = catalog.Resolve(name);
            Assert.Equal(name, flavour.Manifest!.Name);
            Assert.Equal(FlavourCatalog.Blocks.Count, flavour.BlockFiles.Count);
            Assert.Equal(name == "marlin" ? new[] { "marlin" } : new[] { name, "marlin" }, flavour.InheritanceChain);
        }
    }

    private static (DialectException Error, long Written) CreateWriterFails(PrintJob job)
    {
        using var stream = new MemoryStream();
        var error = Assert.Throws<DialectException>(() => new GcodeDialect().CreateWriter(stream, job));
        return (error, stream.Length);
    }
}

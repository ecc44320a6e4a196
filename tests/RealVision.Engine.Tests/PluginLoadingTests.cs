using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.Logging.Abstractions;
using RealVision.Abstractions.Plugins;
using RealVision.Engine.Plugins;
using RealVision.Engine.Tests.Support;
using RealVision.Geometry;

namespace RealVision.Engine.Tests;

public sealed class PluginLoadingTests : IDisposable
{
    // A third-party infill pattern the engine does not reference: concentric
    // rings inset from the area, clipped with the engine's own polygon wrapper.
    private const string RingsSource = """
        using RealVision.Abstractions.Plugins;
        using RealVision.Geometry;

        namespace ThirdParty.Rings;

        public sealed class RingsPattern : IInfillPattern
        {
            public string Name => "test-rings";
            public string Description => "Concentric rings, built by a test.";
            public Paths64 Generate(InfillRequest request)
            {
                var result = new Paths64();
                double spacing = request.LineWidth / request.Density;
                Paths64 ring = Clipper.Offset(request.Area, -spacing / 2);
                while (ring.Count > 0)
                {
                    foreach (Path64 loop in ring)
                    {
                        var open = new Path64(loop) { loop[0] };
                        result.Add(open);
                    }
                    ring = Clipper.Offset(ring, -spacing);
                }
                return result;
            }
        }
        """;

    private readonly string folder = Directory.CreateTempSubdirectory("realvision-plugins-").FullName;

    [Fact]
    public void Host_LoadsCompiledPluginFromDisk()
    {
        string pluginFolder = Path.Combine(folder, "rings");
        Directory.CreateDirectory(pluginFolder);
        Compile(RingsSource, Path.Combine(pluginFolder, "ThirdParty.Rings.dll"));

        PluginCatalog catalog = PluginHost.Load(new[] { folder }, NullLogger.Instance);

        Assert.Empty(catalog.Failures);
        IInfillPattern pattern = Assert.Single(catalog.InfillPatterns);
        Assert.Equal("test-rings", pattern.Name);
        Assert.Equal(pluginFolder, Path.GetDirectoryName(catalog.Plugins[0].AssemblyPath));

        // The plugin sees the host's Paths64 type, so its result is usable directly.
        var square = new Paths64 { new Path64 { new(0, 0), new(10_000, 0), new(10_000, 10_000), new(0, 10_000) } };
        Paths64 rings = pattern.Generate(new InfillRequest { Area = square, Density = 0.5, LineWidth = 400 });
        Assert.NotEmpty(rings);
    }

    [Fact]
    public void Engine_SlicesWithPluginFromFolder()
    {
        string pluginFolder = Path.Combine(folder, "rings");
        Directory.CreateDirectory(pluginFolder);
        Compile(RingsSource, Path.Combine(pluginFolder, "ThirdParty.Rings.dll"));
        var engine = ServiceCollectionExtensions.CreateEngine(options => options.PluginFolders.Add(folder));
        string output = Path.Combine(folder, "rings.gcode");

        using (var stream = File.Create(output))
        {
            engine.Slice(
                new Pipeline.SliceRequest
                {
                    InputPath = EngineFixture.Data("20mm_cube.stl"),
                    Settings = new Dictionary<string, string> { ["infill_pattern"] = "test-rings" },
                },
                stream);
        }

        var fill = GcodeAnalysis.Read(output).Extrusions.Where(m => m.Feature == "FILL").ToList();
        Assert.NotEmpty(fill);
    }

    [Fact]
    public void Host_ReportsBrokenPluginAndLoadsTheRest()
    {
        string good = Path.Combine(folder, "rings");
        Directory.CreateDirectory(good);
        Compile(RingsSource, Path.Combine(good, "ThirdParty.Rings.dll"));
        string broken = Path.Combine(folder, "Broken.Plugin.dll");
        File.WriteAllBytes(broken, new byte[] { 0x4d, 0x5a, 0x00, 0x01, 0x02 });
        string empty = Path.Combine(folder, "NoPlugins.dll");
        Compile("namespace Nothing; public static class Helper { }", empty);

        PluginCatalog catalog = PluginHost.Load(new[] { folder }, NullLogger.Instance);

        Assert.Single(catalog.InfillPatterns);
        Assert.Equal(2, catalog.Failures.Count);
        Assert.Contains(catalog.Failures, f => f.Path == broken);
        Assert.Contains(catalog.Failures, f => f.Path == empty && f.Message.Contains("IPlugin"));
    }

    [Fact]
    public void PluginFolder_AddsPrinterProfiles()
    {
        string printers = Path.Combine(folder, "printers");
        Directory.CreateDirectory(printers);
        File.WriteAllText(Path.Combine(printers, "maker-x1.xml"), """
            <Workstation version="1">
              <Printer name="Maker X1" flavor="marlin">
                <Bed x="180" y="180" z="180"/>
                <Extruder nozzle="0.4" filament="1.75"/>
              </Printer>
              <Preset name="Recommended"><Layer height="0.15" first="0.2"/></Preset>
            </Workstation>
            """);

        var engine = ServiceCollectionExtensions.CreateEngine(options => options.PluginFolders.Add(folder));
        var profile = engine.Printers.Find("maker x1");

        Assert.Equal("Maker X1", profile.Name);
        Assert.Equal("180", profile.Settings["machine_width"]);
        Assert.Equal("0.15", profile.Settings["layer_height"]);
        Assert.StartsWith(printers, profile.Source);
    }

    [Fact]
    public void Host_ReportsMissingFolderWhenRequired()
    {
        string missing = Path.Combine(folder, "does-not-exist");
        PluginCatalog catalog = PluginHost.Load(new[] { missing }, NullLogger.Instance, requireFolders: true);
        var failure = Assert.Single(catalog.Failures);
        Assert.Equal(missing, failure.Path);
    }

    [Fact]
    public void Host_LoadsEveryBuiltInPlugin()
    {
        PluginCatalog catalog = PluginHost.Load(new[] { PluginHost.DefaultFolder }, NullLogger.Instance);

        Assert.Empty(catalog.Failures);
        Assert.NotNull(catalog.FindInputFormat(".stl"));
        Assert.NotNull(catalog.FindInputFormat(".rvwj"));
        Assert.NotNull(catalog.FindInfillPattern("lines"));
        Assert.NotNull(catalog.FindInfillPattern("gyroid"));
        Assert.Contains(catalog.ModifierKinds, kind => kind.Name == "fill-density");
        Assert.NotNull(catalog.FindDialect("gcode"));
        Assert.All(catalog.Plugins, p => Assert.StartsWith(PluginHost.DefaultFolder, p.AssemblyPath));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static void Compile(string source, string outputPath)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .Select(path => MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(IPlugin).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Point64).Assembly.Location));
        var compilation = CSharpCompilation.Create(
            Path.GetFileNameWithoutExtension(outputPath),
            new[] { CSharpSyntaxTree.ParseText(source) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var result = compilation.Emit(outputPath);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
    }
}

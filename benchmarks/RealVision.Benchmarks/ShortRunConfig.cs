using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace RealVision.Benchmarks;

/// <summary>
/// BenchmarkDotNet's default configuration with the ShortRun job (3 warm-up
/// and 3 measured iterations) run in this process, and allocations counted.
/// In-process keeps a whole run to a few minutes on two cores: the default
/// out-of-process toolchain would first build a generated project that
/// rebuilds the engine and its plugins.
/// </summary>
public static class ShortRunConfig
{
    public static IConfig Create() =>
        DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"))
            .AddDiagnoser(MemoryDiagnoser.Default);
}

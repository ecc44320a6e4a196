using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using RealVision.PointCloud.Benchmarks;

// The ShortRun job (3 warm-up and 3 measured iterations) in this process, since the
// default toolchain would first build a generated copy of this project and the plugin.
// Every benchmark runs by default; BenchmarkDotNet's options (--filter, --list flat) pass through.
IConfig config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("ShortRun-InProcess"))
    .AddDiagnoser(MemoryDiagnoser.Default);
BenchmarkSwitcher.FromAssembly(typeof(ShoreLookupBenchmarks).Assembly).Run(args.Length == 0 ? new[] { "--filter", "*" } : args, config);

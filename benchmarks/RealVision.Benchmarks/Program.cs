using BenchmarkDotNet.Running;
using RealVision.Benchmarks;
using RealVision.Benchmarks.Models;

// `models ...` writes test models for the peer comparison; anything else goes
// to BenchmarkDotNet (for example `--filter '*'` or `--list flat`).
if (args.Length > 0 && args[0] == "models")
{
    return ModelCommand.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(StageBenchmarks).Assembly).Run(args, ShortRunConfig.Create());
return 0;

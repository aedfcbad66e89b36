using BenchmarkDotNet.Running;

namespace Deferreds.Benchmarks;

/// <summary>Runs the benchmarks named by the command line (see README.md in this folder).</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}

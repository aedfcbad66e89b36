# Everything a fresh machine with only the .NET SDK needs: `make test`, `make demo`.
CONFIG ?= Release
RESULTS ?= TestResults

.PHONY: build test demo bench bench-quick coverage pack public-api clean

build:
	dotnet build Deferreds.sln -c $(CONFIG)

# Builds every project (library, tests, benchmarks, examples) and runs all tests;
# the TRX file in $(RESULTS) is what .ci/run counts.
test:
	rm -rf $(RESULTS)
	dotnet test Deferreds.sln -c $(CONFIG) --logger "trx;LogFileName=results.trx" --results-directory $(RESULTS)

demo:
	dotnet run -c $(CONFIG) --project examples/Homeserver

bench:
	dotnet run -c Release --project Deferreds.Benchmarks -- --filter '*'

# A short job of every benchmark, in-process (no per-class host build): under 5 minutes on 2 cores.
# Good for ratios at a glance; `make bench` is the run whose figures go into docs/performance.md.
bench-quick:
	dotnet run -c Release --project Deferreds.Benchmarks -- --filter '*' --job short --warmupCount 1 --iterationCount 3 --inProcess

coverage:
	rm -rf $(RESULTS)
	dotnet test Deferreds.Tests -c $(CONFIG) --collect:"XPlat Code Coverage" --results-directory $(RESULTS)

pack:
	dotnet pack Deferreds/Deferreds.csproj -c Release -o artifacts
	dotnet pack Deferreds.Context/Deferreds.Context.csproj -c Release -o artifacts

# After a deliberate change to the public API: record it in PublicAPI.Unshipped.txt (the build checks it).
public-api:
	dotnet format analyzers Deferreds/Deferreds.csproj --diagnostics RS0016 RS0017 RS0037 --severity warn
	dotnet format analyzers Deferreds.Context/Deferreds.Context.csproj --diagnostics RS0016 RS0017 RS0037 --severity warn

clean:
	rm -rf $(RESULTS) artifacts BenchmarkDotNet.Artifacts
	dotnet clean Deferreds.sln

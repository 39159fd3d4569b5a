#!/usr/bin/env bash
# Reproduces docs/benchmarks-engine.md: builds audio-ops + benchmarks, then on ONE core (taskset -c 1):
#  1. JMH FeatureBenchmarks (all five features from one STFT, MFCC alone, librosa-like per-feature STFT baseline),
#     then JMH FftBenchmarks (window + real FFT per frame: the Stockham plan and the previous radix-2^2 one),
#     then JMH LaneFftBenchmarks (the SIMD FFT by size) and VectorPeakBenchmarks (the core's vector FMA rate),
#  2. BenchMain (the `bench` entry point) on a 600 s synthetic clip, default five features and MFCC alone,
#  3. the numpy float32 librosa-like baseline (benchmarks/numpy_baseline.py).
# Usage: benchmarks/run-engine-benchmarks.sh [CORE]   (results also in target/engine-bench/)
set -euo pipefail
cd "$(dirname "$0")/.."
CORE="${1:-1}"
OUT=target/engine-bench
mkdir -p "$OUT"
./mvnw -B -q -o -ntp -pl audio-ops,benchmarks -am package -DskipTests
M2="${HOME}/.m2/repository"
CP="benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:audio-ops/target/audio-ops-0.1.0-SNAPSHOT.jar"
CP="$CP:$M2/org/openjdk/jmh/jmh-core/1.37/jmh-core-1.37.jar:$M2/net/sf/jopt-simple/jopt-simple/5.0.4/jopt-simple-5.0.4.jar"
CP="$CP:$M2/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar"
# audio-ops' own runtime dependencies (Arrow, slf4j, ...): the pooled benchmarks build a MemoryManager
./mvnw -B -q -o -ntp -pl audio-ops dependency:build-classpath -Dmdep.outputFile="$PWD/$OUT/audio-ops-cp.txt" \
  -Dmdep.includeScope=runtime >/dev/null
CP="$CP:$(cat "$OUT/audio-ops-cp.txt")"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
taskset -c "$CORE" java -cp "$CP" org.openjdk.jmh.Main FeatureBenchmarks -rf json -rff "$OUT/jmh.json" | tail -10
taskset -c "$CORE" java -cp "$CP" org.openjdk.jmh.Main FftBenchmarks -rf json -rff "$OUT/jmh-fft.json" | tail -4
taskset -c "$CORE" java -cp "$CP" org.openjdk.jmh.Main "LaneFftBenchmarks|VectorPeakBenchmarks" -rf json \
  -rff "$OUT/jmh-lane-fft.json" | tail -5
for f in spectrogram,mel_spectrogram,log_mel_spectrogram,mfcc,chroma mfcc; do
  taskset -c "$CORE" java --add-modules=jdk.incubator.vector -cp audio-ops/target/audio-ops-0.1.0-SNAPSHOT.jar \
    org.noodlevision.audio.bench.BenchMain \
    --synthetic-seconds 600 --features "$f" --repeat 5 --warmup 2 | tee -a "$OUT/bench.jsonl"
done
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 taskset -c "$CORE" python3 benchmarks/numpy_baseline.py 600 3 \
  | tee "$OUT/numpy.json"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

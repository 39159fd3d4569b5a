#!/usr/bin/env bash
# Old-vs-new comparison of the FFT rewrite on ONE core (docs/benchmarks-engine.md, "FFT rewrite"):
#  1. JMH FftBenchmarks (3 forks): window + real FFT per 2048-sample frame, Stockham plan vs the frozen previous
#     plan (LegacyRealFft), same run;
#  2. JMH FeatureBenchmarks allFiveOneStft + mfccAlone, ROUNDS alternating rounds with the pre-rewrite real FFT
#     (RealFft + ComplexFft of commit 8fd391f compiled into target/fft-ab/old-classes, first on the class path) and
#     with the current one.
# Usage: benchmarks/run-fft-ab.sh [CORE] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
CORE="${1:-1}"
ROUNDS="${2:-2}"
OUT=target/fft-ab
rm -rf "$OUT" && mkdir -p "$OUT/old-src" "$OUT/old-classes"
./mvnw -B -q -o -ntp -pl audio-ops,benchmarks -am package -DskipTests
for f in RealFft ComplexFft; do
  git show "8fd391f:audio-ops/src/main/java/org/noodlevision/audio/dsp/$f.java" > "$OUT/old-src/$f.java"
done
javac -cp audio-ops/target/classes -d "$OUT/old-classes" "$OUT"/old-src/*.java
M2="${HOME}/.m2/repository"
CP="benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:audio-ops/target/audio-ops-0.1.0-SNAPSHOT.jar"
CP="$CP:$M2/org/openjdk/jmh/jmh-core/1.37/jmh-core-1.37.jar:$M2/net/sf/jopt-simple/jopt-simple/5.0.4/jopt-simple-5.0.4.jar"
CP="$CP:$M2/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
taskset -c "$CORE" java -cp "$CP" org.openjdk.jmh.Main FftBenchmarks -rf json -rff "$OUT/fft.json" | tail -4
for round in $(seq 1 "$ROUNDS"); do
  for v in old new; do
    C="$CP"
    if [ "$v" = old ]; then C="$OUT/old-classes:$CP"; fi
    echo "== round $round, $v real FFT, load $(cut -d' ' -f1-3 /proc/loadavg)"
    taskset -c "$CORE" java -cp "$C" org.openjdk.jmh.Main 'FeatureBenchmarks.(allFiveOneStft|mfccAlone)' \
      -rf json -rff "$OUT/pipeline-$v-$round.json" | grep -E '^FeatureBenchmarks'
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

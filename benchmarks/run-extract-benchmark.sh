#!/usr/bin/env bash
# Issue 5's speed check (docs/benchmarks-spark.md): `extract` (decode, default features, Parquet) in local[2]
# against the audio-ops pipeline alone on 2 threads, over the same one hour of audio (360 x 10 s WAVs written
# once under DIR/audio), engine and extract runs alternating, medians and the ratio printed.
# Usage: benchmarks/run-extract-benchmark.sh [DIR [REPEAT [-- EXTRACT_ARGS...]]]
#   NOODLEVISION_NO_BUILD=1 skips the build; BENCH_JFR=FILE records a JFR profile of the whole run;
#   BENCH_JAVA_OPTS adds JVM options (e.g. -XX:+PrintCompilation).
set -euo pipefail
cd "$(dirname "$0")/.."
DIR="${1:-/tmp/nv-extract-bench}"
REPEAT="${2:-5}"
shift $(( $# > 2 ? 2 : $# ))
if [ "${NOODLEVISION_NO_BUILD:-0}" != 1 ]; then
  ./mvnw -B -q -o -ntp -pl examples -am package -DskipTests
fi
CP_DIR=examples/target/noodlevision-classpath
CP="examples/target/classes:spark-plugin/target/classes:audio-ops/target/classes"
CP="$CP:$(tr -d '\n' < "$CP_DIR/compile.txt"):$(tr -d '\n' < "$CP_DIR/runtime.txt")"
JFR=()
if [ -n "${BENCH_JFR:-}" ]; then
  JFR=("-XX:StartFlightRecording=filename=${BENCH_JFR},settings=profile")
fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; $(java -version 2>&1 | head -1)"
java -Xmx4g ${BENCH_JAVA_OPTS:-} -XX:+IgnoreUnrecognizedVMOptions ${JFR[@]+"${JFR[@]}"} --add-modules=jdk.incubator.vector \
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED \
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED \
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true \
  "-Dlog4j2.configurationFile=conf/log4j2.properties" -Djava.awt.headless=true \
  -cp "$CP" org.noodlevision.examples.bench.ExtractThroughputBenchmark --dir "$DIR" --repeat "$REPEAT" "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Builds what the GPU machine needs to run the Spark GPU tests (GpuBackendSparkTest, ExtractParityTest) in a real
# local Spark there. The machine has no Java, no Maven and no network, and a call carries at most 64 MiB, so Spark's
# ~250 MB classpath is slimmed: the tests run here first with -Xlog:class+load, and only the classes that run loaded
# (plus every resource but other platforms' native libraries) are kept; jars none of whose classes were loaded are
# left out. The slim jars are stored uncompressed and the whole carry is one tar.xz.
# Usage (repo root): spark-plugin/src/test/device/prepare-spark-gpu-carry.sh [CARRY_DIR] (default .gpu-carry/spark)
# Then: run with carry [".gpu-carry/spark"] and command `bash .gpu-carry/spark/run.sh`.
set -euo pipefail
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
C="${1:-$root/.gpu-carry/spark}"
R="${NOODLEVISION_REFERENCE:-$root/../shared/reference/librosa-0.11.0}"
W="$(mktemp -d)"
cd "$root"
./mvnw -B -q -o -ntp -pl examples -am test-compile dependency:build-classpath -Dmdep.outputFile=target/nv-test-cp.txt \
  -Dmdep.includeScope=test
CP="examples/target/test-classes:examples/target/classes:spark-plugin/target/test-classes:spark-plugin/target/classes"
CP="$CP:audio-ops/target/classes:$(cat examples/target/nv-test-cp.txt)"
CONSOLE=~/.m2/repository/org/junit/platform/junit-platform-console-standalone/1.10.2/junit-platform-console-standalone-1.10.2.jar
OPENS="$(sed -n 's:.*<jvm.opens>\(.*\)</jvm.opens>.*:\1:p' pom.xml)"
# the same run as on the GPU machine, without a GPU: records every class loaded and where from
java -Xmx3g $OPENS -Xlog:class+load=info:file="$W/classes.log"::filecount=0 -Dnoodlevision.reference.dir="$R" -jar "$CONSOLE" \
  execute -cp "$CP" --select-class org.noodlevision.spark.compute.GpuBackendSparkTest \
  --select-method org.noodlevision.examples.extract.ExtractParityTest#defaults_onTheGpuBackend_equalTheCpuBackend_andLibrosa --disable-banner --disable-ansi-colors \
  > "$W/junit.txt" 2>&1 || { tail -30 "$W/junit.txt"; exit 1; }
rm -rf "$C" && mkdir -p "$C/lib" "$C/ref/expected"
python3 "$root/spark-plugin/src/test/device/slim_classpath.py" "$W/classes.log" "$CP" "$C/lib" "$W/stage"
for d in "$R"/expected/*; do
  mkdir -p "$C/ref/expected/$(basename "$d")"
  for n in stft_mag mel mel_db mfcc20 mfcc13 chroma_tuning_est; do
    [ -f "$d/$n.npy" ] && cp "$d/$n.npy" "$C/ref/expected/$(basename "$d")/"
  done
done
cp -r "$R/audio" "$C/ref/"
cp "$CONSOLE" "$C/lib/"
cp "$root/.device-kit/jcuda-natives.jar" "$C/lib/"  # bash ../shared/tools/device-kit.sh builds it
echo "$OPENS" > "$C/jvm-opens.txt"
# the device kit's runtime lacks java.xml, java.sql and others Spark needs: a runtime of our own (uncompressed
# modules, so that xz compresses them)
JDK="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
"$JDK/bin/jlink" --add-modules java.base,java.logging,java.management,jdk.management,jdk.unsupported,java.xml,\
java.sql,java.desktop,java.rmi,java.naming,java.security.jgss,java.security.sasl,java.scripting,java.instrument,jdk.crypto.ec,jdk.zipfs,jdk.security.auth,jdk.security.jgss,jdk.net \
  --strip-debug --no-header-files --no-man-pages --compress=0 --output "$C/jre"
(cd "$C" && tar cJf ../spark-carry.tar.xz jre lib ref jvm-opens.txt && rm -rf jre lib ref jvm-opens.txt \
  && mv ../spark-carry.tar.xz .)
cp "$root/spark-plugin/src/test/device/spark-gpu-run.sh" "$C/run.sh"
cp "$W/classes.log" target/nv-classes.log; rm -rf "$W"
du -sh "$C"

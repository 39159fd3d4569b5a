#!/usr/bin/env bash
# Runs on the GPU machine (carry .gpu-carry/spark, built by prepare-spark-gpu-carry.sh): a real local
# Spark with the GPU backend against the CPU backend: GpuBackendSparkTest (audio source, column and SQL functions)
# and ExtractParityTest (extract --conf spark.noodlevision.backend=gpu), through JUnit's console launcher.
set -uo pipefail
C=.gpu-carry/spark
S=/tmp/nv-spark
mkdir -p "$S" && python3 -c "import tarfile,sys; tarfile.open(sys.argv[1]).extractall(sys.argv[2])" "$C/spark-carry.tar.xz" "$S"
J="$S/jre/bin/java"
CP="$(ls "$S"/lib/[0-9]*.jar | tr '\n' ':')$S/lib/jcuda-natives.jar"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
OUTDIR="${OUT:-/tmp/nv-out}"; mkdir -p "$OUTDIR"
# shellcheck disable=SC2046
$J -Xmx16g $(cat "$S/jvm-opens.txt") -Dnoodlevision.reference.dir="$S/ref" -Djava.io.tmpdir=/tmp \
  -jar "$S"/lib/junit-platform-console-standalone-1.10.2.jar execute -cp "$CP" \
  --select-class org.noodlevision.spark.compute.GpuBackendSparkTest \
  --select-method org.noodlevision.examples.extract.ExtractParityTest#defaults_onTheGpuBackend_equalTheCpuBackend_andLibrosa \
  --details=tree --disable-banner --disable-ansi-colors > "$OUTDIR/spark-gpu-junit.txt" 2>&1
echo "junit rc=$?"
grep -E "GpuBackendSparkTest:|ExtractParityTest:|tests (successful|failed|skipped|found|aborted)|✘|↷" \
  "$OUTDIR/spark-gpu-junit.txt" | head -40

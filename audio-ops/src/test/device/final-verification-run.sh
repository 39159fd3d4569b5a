#!/usr/bin/env bash
# Final verification of a merged tree on the GPU machine in one call: the GPU-related JUnit classes (console
# launcher), GpuParityMain, ClipBatchParityMain (the Spark batch path), GpuBenchmarkMain and torchaudio.
# Prepare here:  audio-ops/src/test/device/prepare-gpu-carry.sh "$PWD/.gpu-carry/final" && mkdir -p .gpu-carry/final/tools \
#   && cp ~/.m2/repository/org/junit/platform/junit-platform-console-standalone/1.10.2/*.jar .gpu-carry/final/tools/ \
#   && cp audio-ops/src/test/device/final-verification-run.sh .gpu-carry/final/run.sh
# Run there (carry .device-kit and .gpu-carry/final): bash .gpu-carry/final/run.sh
C=.gpu-carry/final
tar xzf .device-kit/jre.tgz -C /tmp
J=/tmp/jre/bin/java
CP="$C/audio-ops.jar:$C/audio-ops-tests.jar:$(ls $C/lib/*.jar | tr '\n' ':').device-kit/jcuda-natives.jar"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
echo "=== JUNIT (GPU-related classes)"
$J -Xmx8g --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true \
  -Dnoodlevision.reference.dir=$C/ref -jar $C/tools/junit-platform-console-standalone-1.10.2.jar execute -cp "$CP" \
  --select-class org.noodlevision.memory.GpuMemoryPoolTest --select-class org.noodlevision.memory.MemoryManagerStressTest \
  --select-class org.noodlevision.memory.MemoryManagerTest --select-class org.noodlevision.memory.SeedExamplesTest \
  --select-class org.noodlevision.memory.TensorTest --select-class org.noodlevision.memory.TensorCacheTest \
  --select-class org.noodlevision.gpu.GpuParityTest --select-class org.noodlevision.reliability.GpuFallbackTest \
  --select-class org.noodlevision.gpu.ClipBatchComputerTest \
  --details=tree --config junit.jupiter.execution.timeout.default=120s --disable-banner --disable-ansi-colors > $OUT/junit.txt 2>&1
echo "junit rc=$?"; grep -E "tests (successful|failed|skipped|found|aborted)|✘|↷" $OUT/junit.txt | head -40
echo "=== PARITY"; $J -Xmx8g -cp "$CP" org.noodlevision.gpu.GpuParityMain $C/ref > $OUT/parity.txt 2>&1; echo "parity rc=$?"
grep -E "FAIL|== parity|PARITY|checks|failures" $OUT/parity.txt | tail -12
echo "=== CLIP BATCH PARITY"; $J -Xmx16g -cp "$CP" org.noodlevision.gpu.ClipBatchParityMain $C/ref/audio > $OUT/clipbatch.txt 2>&1; echo "clipbatch rc=$?"; tail -8 $OUT/clipbatch.txt
echo "=== BENCH"; $J -Xmx8g -cp "$CP" org.noodlevision.gpu.GpuBenchmarkMain 20 > $OUT/bench.txt 2>&1; tail -30 $OUT/bench.txt
echo "=== TORCHAUDIO"; python3 $C/torchaudio_bench.py 20 > $OUT/torchaudio.txt 2>&1; tail -15 $OUT/torchaudio.txt

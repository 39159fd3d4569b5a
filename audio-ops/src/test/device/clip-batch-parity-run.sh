#!/usr/bin/env bash
# sparkperf device run: ClipBatchParityMain (Spark batch path, GPU vs CPU). Usage (repo root): bash .gpu-carry/sparkperf/run.sh
C=.gpu-carry/sparkperf
tar xzf .device-kit/jre.tgz -C /tmp
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
/tmp/jre/bin/java -Xmx16g -cp "$C/audio-ops.jar:$C/audio-ops-tests.jar:$C/lib/*:.device-kit/jcuda-natives.jar" \
  org.noodlevision.gpu.ClipBatchParityMain $C/ref 2>&1 | tee $OUT/clip-batch-parity.txt
echo "rc=${PIPESTATUS[0]}"

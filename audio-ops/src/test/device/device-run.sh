#!/usr/bin/env bash
# Device run: parity + benchmark + torchaudio in one call. Usage (repo root): bash .gpu-carry/gpu/run.sh [repeats]
C=.gpu-carry/gpu
tar xzf .device-kit/jre.tgz -C /tmp
J=/tmp/jre/bin/java
CP="$C/audio-ops.jar:$C/audio-ops-tests.jar:$C/lib/*:.device-kit/jcuda-natives.jar"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
echo "=== PARITY"; $J -cp "$CP" org.noodlevision.gpu.GpuParityMain $C/ref > $OUT/parity.txt 2>&1; echo "parity rc=$?"
grep -E "FAIL|== parity|PARITY|probe|tuning" $OUT/parity.txt | head -60
echo "=== BENCH"; $J -Xmx8g -cp "$CP" org.noodlevision.gpu.GpuBenchmarkMain ${1:-20} 2>&1 | tee $OUT/bench.txt
echo "=== TORCHAUDIO"; python3 $C/torchaudio_bench.py ${1:-20} 2>&1 | tee $OUT/torchaudio.txt

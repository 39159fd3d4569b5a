#!/usr/bin/env bash
# Builds what the GPU machine needs (it has a JRE and the JCuda natives in .device-kit, no Maven, no network) into
# a carry folder: audio-ops classes and test classes as jars, runtime dependency jars, the librosa reference subset
# (audio, float32 expected arrays, manifest), the torchaudio script and device-run.sh.
# Usage (repo root): audio-ops/src/test/device/prepare-gpu-carry.sh [CARRY_DIR] (default ../main/.gpu-carry/gpu)
set -euo pipefail
root="$(cd "$(dirname "$0")/../../../.." && pwd)"
C="${1:-$root/../main/.gpu-carry/gpu}"
R="${NOODLEVISION_REFERENCE:-$root/../shared/reference/librosa-0.11.0}"
cd "$root"
./mvnw -B -q -o -ntp -pl audio-ops test-compile
./mvnw -B -q -o -ntp -pl audio-ops dependency:build-classpath -Dmdep.outputFile=/tmp/nv-gpu-cp.txt \
  -Dmdep.includeScope=runtime
rm -rf "$C" && mkdir -p "$C/lib" "$C/ref/expected"
(cd audio-ops/target/classes && jar cf "$C/audio-ops.jar" .)
(cd audio-ops/target/test-classes && jar cf "$C/audio-ops-tests.jar" .)
tr ':' '\n' < /tmp/nv-gpu-cp.txt | grep -v 'jcuda-natives\|junit\|jazzer\|opentest4j\|apiguardian' \
  | xargs -I{} cp {} "$C/lib/"
cp -r "$R/audio" "$R/manifest.json" "$C/ref/"
for d in "$R"/expected/*; do
  mkdir -p "$C/ref/expected/$(basename "$d")"
  cp "$d"/[!f]*.npy "$C/ref/expected/$(basename "$d")/"
done
cp audio-ops/src/test/python/torchaudio_bench.py "$C/"
cp audio-ops/src/test/device/device-run.sh "$C/run.sh"
du -sh "$C"

#!/usr/bin/env bash
# Compiles the CUDA feature kernels into the fatbin resource that the jar ships (sm_75..sm_90 SASS + compute_90
# PTX), and records the SHA-256 of the sources it was built from. Skips the compile when the recorded hash
# already matches the sources. Usage: build-kernels.sh [--force]. Needs nvcc (CUDA 12.x/13.x) on the PATH.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../resources/org/noodlevision/gpu"
src="$here/noodle_features.cu"
hash="$(sha256sum "$src" | cut -d' ' -f1)"
if [[ "${1:-}" != "--force" && -f "$out/kernels.fatbin" && -f "$out/kernels.sha256" \
      && "$(cat "$out/kernels.sha256")" == "$hash" ]]; then
  echo "kernels.fatbin is up to date (sources sha256 $hash)"
  exit 0
fi
NVCC="$(command -v nvcc || echo /usr/local/bin/nvcc)"
if [[ ! -x "$NVCC" ]]; then
  echo "build-kernels.sh: kernels.fatbin does not match the CUDA sources and nvcc is not available; install the CUDA toolkit (nvcc) and rebuild" >&2
  exit 1
fi
mkdir -p "$out"
"$NVCC" -O3 -fatbin -std=c++17 \
  -gencode arch=compute_75,code=sm_75 -gencode arch=compute_80,code=sm_80 \
  -gencode arch=compute_86,code=sm_86 -gencode arch=compute_89,code=sm_89 \
  -gencode arch=compute_90,code=sm_90 -gencode arch=compute_90,code=compute_90 \
  -o "$out/kernels.fatbin" "$src"
printf '%s' "$hash" > "$out/kernels.sha256"
echo "built kernels.fatbin from sources sha256 $hash"

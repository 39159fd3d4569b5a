package org.noodlevision.gpu;

import jcuda.driver.CUresult;
import org.noodlevision.NoodleVisionException;

/** Turns CUDA driver return codes into typed exceptions. */
final class CudaCheck {
  private CudaCheck() {}

  static void check(int rc, String what) {
    if (rc == CUresult.CUDA_SUCCESS) {
      return;
    }
    if (rc == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
      throw new GpuOutOfMemoryException(what, -1);
    }
    throw new NoodleVisionException("CUDA call " + what + " failed: " + CUresult.stringFor(rc)
        + ". The GPU backend cannot continue on this batch; use backend=cpu if it persists.");
  }

  static void checkAlloc(int rc, String what, long bytes) {
    if (rc == CUresult.CUDA_ERROR_OUT_OF_MEMORY) {
      throw new GpuOutOfMemoryException(what, bytes);
    }
    check(rc, what + " (" + bytes + " bytes)");
  }
}

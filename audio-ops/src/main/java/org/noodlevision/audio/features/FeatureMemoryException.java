package org.noodlevision.audio.features;

import org.noodlevision.NoodleVisionException;

/**
 * The outputs of a clip do not fit in this JVM: the executor's pool was full and the heap could not hold the next
 * output buffer either. Thrown in place of the {@link OutOfMemoryError} of that one allocation, before anything else
 * is lost, so that the clip fails alone (an error row in PERMISSIVE mode) and the other clips go on.
 */
public final class FeatureMemoryException extends NoodleVisionException {
  private static final long serialVersionUID = 1L;

  FeatureMemoryException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The failed allocation of {@code values} values of {@code bytesPerValue} bytes, {@code width} per frame. */
  static FeatureMemoryException of(long values, int bytesPerValue, int width, OutOfMemoryError cause) {
    long mib = values * bytesPerValue >> 20;
    long heapMib = Runtime.getRuntime().maxMemory() >> 20;
    return new FeatureMemoryException("The features of this clip need more memory than this JVM has: an output "
        + "buffer of " + mib + " MiB (" + values / Math.max(1, width) + " frames x " + width + " values) did not "
        + "fit in the executor's pool nor in the heap (" + heapMib + " MiB in all). Allowed: clips whose features fit "
        + "in memory, about 0.8 GB per audio hour for all five default features at 22.05 kHz (the spectrogram is "
        + "most of it). For longer clips: give executors more memory (spark.executor.memory; in local mode the "
        + "driver's, NOODLEVISION_DRIVER_MEMORY for bin/noodlevision), compute fewer features or raise hop_length, "
        + "split the files, or skip the longest with the audio source's maxDurationSec option.", cause);
  }

  /** This exception with the clip's name in front. */
  FeatureMemoryException naming(String source) {
    return new FeatureMemoryException(source + ": " + getMessage(), getCause());
  }

  /** {@code new float[n]}, or this exception for a matrix {@code width} values wide. */
  static float[] floats(int n, int width) {
    try {
      return new float[n];
    } catch (OutOfMemoryError e) {
      throw of(n, Float.BYTES, width, e);
    }
  }

  /** {@code new double[n]}, or this exception for rows {@code width} values wide. */
  static double[] doubles(int n, int width) {
    try {
      return new double[n];
    } catch (OutOfMemoryError e) {
      throw of(n, Double.BYTES, width, e);
    }
  }
}

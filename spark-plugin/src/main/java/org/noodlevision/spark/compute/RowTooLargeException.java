package org.noodlevision.spark.compute;

import org.noodlevision.NoodleVisionException;

/**
 * A value would be larger than the executor builds safely as one Spark row ({@link SparkRowLimit}): the features a
 * column function computed for one long clip. Raised before the value is built, so the task fails with this message
 * instead of the executor with an OutOfMemoryError in Spark's copy of the row.
 */
public final class RowTooLargeException extends NoodleVisionException {
  private static final long serialVersionUID = 1L;
  private final long bytes;
  private final long limitBytes;

  /**
   * @param what what the value is, e.g. {@code "nv.spectrogram: the features of a 1200.0 s clip"}
   * @param advice what to do instead, after the limit
   */
  public RowTooLargeException(String what, long bytes, long limitBytes, String advice) {
    super(what + " would take " + SparkRowLimit.size(bytes) + " as one Spark value, more than "
        + SparkRowLimit.describe(limitBytes) + ". Allowed: values up to that size. " + advice);
    this.bytes = bytes;
    this.limitBytes = limitBytes;
  }

  /** The size the value would have had. */
  public long bytes() {
    return bytes;
  }

  /** The limit it exceeded. */
  public long limitBytes() {
    return limitBytes;
  }
}

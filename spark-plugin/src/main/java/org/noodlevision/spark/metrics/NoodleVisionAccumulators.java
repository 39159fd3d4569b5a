package org.noodlevision.spark.metrics;

import java.io.Serializable;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.spark.SparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.DoubleAccumulator;
import org.apache.spark.util.LongAccumulator;

/**
 * NoodleVision's named accumulators, shown on the stage page of the Spark UI and in the REST API
 * ({@code /api/v1/applications/<id>/stages}, field {@code accumulatorUpdates}):
 *
 * <ul>
 *   <li>{@value #FRAMES_COMPUTED}: feature frames computed (count);</li>
 *   <li>{@value #AUDIO_SECONDS}: seconds of audio processed;</li>
 *   <li>{@value #FILES_FAILED}: files that could not be decoded or processed (count);</li>
 *   <li>{@value #GPU_TIME_MS}: time spent in GPU work, milliseconds.</li>
 * </ul>
 *
 * <p>Accumulators are registered on the driver, once per SparkContext, and reach executors only inside a task's
 * closure. So get them on the driver and capture the object in the function, data source reader or UDF that runs
 * in the tasks; this object is {@link Serializable} and carries all four:
 *
 * <pre>{@code
 * NoodleVisionAccumulators acc = NoodleVisionAccumulators.of(spark);   // driver
 * rdd.map(file -> { ...; acc.addFrames(frames); acc.addAudioSeconds(seconds); ... });   // executors
 * }</pre>
 *
 * Updates from a task count once the task succeeds (Spark's accumulator semantics: a retried task may count twice
 * inside transformations).
 */
public final class NoodleVisionAccumulators implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Name of the frames accumulator. */
  public static final String FRAMES_COMPUTED = "noodlevision.framesComputed";
  /** Name of the audio seconds accumulator. */
  public static final String AUDIO_SECONDS = "noodlevision.audioSecondsProcessed";
  /** Name of the failed files accumulator. */
  public static final String FILES_FAILED = "noodlevision.filesFailed";
  /** Name of the GPU time accumulator (milliseconds). */
  public static final String GPU_TIME_MS = "noodlevision.gpuTimeMs";

  private static final Map<SparkContext, NoodleVisionAccumulators> BY_CONTEXT = new WeakHashMap<>();

  private final LongAccumulator framesComputed;
  private final DoubleAccumulator audioSeconds;
  private final LongAccumulator filesFailed;
  private final DoubleAccumulator gpuTimeMs;

  private NoodleVisionAccumulators(SparkContext sc) {
    this.framesComputed = sc.longAccumulator(FRAMES_COMPUTED);
    this.audioSeconds = sc.doubleAccumulator(AUDIO_SECONDS);
    this.filesFailed = sc.longAccumulator(FILES_FAILED);
    this.gpuTimeMs = sc.doubleAccumulator(GPU_TIME_MS);
  }

  /** The accumulators of {@code sc}, registered on first use. Call on the driver. */
  public static synchronized NoodleVisionAccumulators of(SparkContext sc) {
    return BY_CONTEXT.computeIfAbsent(sc, NoodleVisionAccumulators::new);
  }

  /** The accumulators of the session's SparkContext. Call on the driver. */
  public static NoodleVisionAccumulators of(SparkSession spark) {
    return of(spark.sparkContext());
  }

  /** Adds feature frames computed. */
  public void addFrames(long frames) {
    framesComputed.add(frames);
  }

  /** Adds seconds of audio processed. */
  public void addAudioSeconds(double seconds) {
    audioSeconds.add(seconds);
  }

  /** Counts one file that failed. */
  public void addFileFailed() {
    filesFailed.add(1L);
  }

  /** Adds GPU time, given in nanoseconds, to the milliseconds accumulator. */
  public void addGpuTimeNanos(long nanos) {
    gpuTimeMs.add(nanos / 1e6);
  }

  /** Frames computed so far (the driver's merged value). */
  public long framesComputed() {
    return framesComputed.value();
  }

  /** Audio seconds processed so far (driver). */
  public double audioSeconds() {
    return audioSeconds.value();
  }

  /** Files failed so far (driver). */
  public long filesFailed() {
    return filesFailed.value();
  }

  /** GPU milliseconds so far (driver). */
  public double gpuTimeMs() {
    return gpuTimeMs.value();
  }
}

package org.noodlevision.spark.metrics;

import com.codahale.metrics.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The executor's feature computation timer ({@code featureComputation} in the plugin's metric source, see
 * docs/metrics.md). Feature code reports each computation here; the executor plugin publishes the one
 * process-wide {@link Timer}. Without the plugin the timer still counts but nothing publishes it.
 *
 * <pre>{@code
 * FeatureResult r = FeatureTimer.time(() -> pipeline.compute(samples, sr));
 * }</pre>
 */
public final class FeatureTimer {
  private static final Timer TIMER = new Timer();

  private FeatureTimer() {
  }

  /** Runs {@code computation}, records its duration, and returns its result (also when it throws: then rethrows). */
  public static <T> T time(Supplier<T> computation) {
    long start = System.nanoTime();
    try {
      return computation.get();
    } finally {
      record(System.nanoTime() - start);
    }
  }

  /** Records one computation that took {@code nanos}. */
  public static void record(long nanos) {
    TIMER.update(nanos, TimeUnit.NANOSECONDS);
  }

  /** The process-wide timer (for the plugin's registry and for tests). */
  public static Timer timer() {
    return TIMER;
  }
}

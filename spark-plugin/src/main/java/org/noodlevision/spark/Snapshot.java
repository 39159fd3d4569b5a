package org.noodlevision.spark;

import java.util.function.Supplier;

/**
 * A value recomputed at most once per {@code ttlMillis}: many gauges read one MemoryManager statistics snapshot or
 * one OSHI reading instead of each taking its own.
 */
final class Snapshot<T> implements Supplier<T> {
  private final Supplier<T> source;
  private final long ttlNanos;
  private T value;
  private long takenAt;

  Snapshot(Supplier<T> source, long ttlMillis) {
    this.source = source;
    this.ttlNanos = ttlMillis * 1_000_000L;
  }

  @Override
  public synchronized T get() {
    long now = System.nanoTime();
    if (value == null || now - takenAt > ttlNanos) {
      value = source.get();
      takenAt = now;
    }
    return value;
  }
}

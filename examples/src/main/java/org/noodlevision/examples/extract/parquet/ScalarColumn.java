package org.noodlevision.examples.extract.parquet;

import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.io.api.Binary;
import org.noodlevision.examples.extract.ExtractedFile;

/** The six scalar columns of extract's rows, in schema order: how to read each from a file and write it PLAIN. */
enum ScalarColumn {
  PATH(false), SAMPLE_RATE(true), CHANNELS(true), NUM_SAMPLES(true), DURATION_SEC(true), ERROR(true);

  private final boolean optional;

  ScalarColumn(boolean optional) {
    this.optional = optional;
  }

  /** Whether the column is optional (definition levels 0 or 1) rather than required (no levels). */
  boolean optional() {
    return optional;
  }

  /** The row's value, null when absent. */
  Object value(ExtractedFile f) {
    return switch (this) {
      case PATH -> f.path();
      case SAMPLE_RATE -> f.sampleRate();
      case CHANNELS -> f.channels();
      case NUM_SAMPLES -> f.numSamples();
      case DURATION_SEC -> f.durationSec();
      case ERROR -> f.error();
    };
  }

  /** Bytes the value takes, PLAIN. */
  static int plainSize(Object v) {
    if (v instanceof String s) {
      return 4 + 3 * s.length();
    }
    return v instanceof Integer ? 4 : 8;
  }

  /** Appends the non-null value, PLAIN, and counts it in the statistics. */
  void write(PageBuffer page, Statistics<?> stats, Object v) {
    switch (this) {
      case PATH, ERROR -> {
        String s = (String) v;
        page.putString(s);
        stats.updateStats(Binary.fromString(s));
      }
      case SAMPLE_RATE, CHANNELS -> {
        int i = (Integer) v;
        page.putInt(i);
        stats.updateStats(i);
      }
      case NUM_SAMPLES -> {
        long l = (Long) v;
        page.putLong(l);
        stats.updateStats(l);
      }
      case DURATION_SEC -> {
        double d = (Double) v;
        page.putDouble(d);
        stats.updateStats(d);
      }
    }
  }
}

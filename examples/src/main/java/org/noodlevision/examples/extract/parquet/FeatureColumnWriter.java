package org.noodlevision.examples.extract.parquet;

import java.io.IOException;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;
import org.noodlevision.NoodleVisionException;
import org.noodlevision.audio.dsp.SimdKernels;
import org.noodlevision.audio.features.FeatureMatrix;

/**
 * Writes one feature column ({@code array<array<float>>}, see {@link ExtractParquetSchema}) of a row group from the
 * rows' {@link FeatureMatrix} data (flat, row-major {@code [frame][bin]}): levels as RLE runs (per frame, one
 * repetition level 0 or 1 then {@code bins - 1} twos; definition levels all 3), values copied in bulk. Pages hold
 * whole rows and end after the row that reaches the page size. Each page's statistics carry its exact null count
 * (null features, empty arrays) and the min/max of its values; a NaN makes both NaN, which drops the chunk's column
 * index (parquet-mr's rule) rather than record a wrong range.
 */
final class FeatureColumnWriter {
  /** The most value bytes one page takes (a page's size is an int; room is left for its levels). */
  static final int MAX_PAGE_VALUE_BYTES = Integer.MAX_VALUE - (64 << 20);

  private final ColumnDescriptor column;
  private final String name;

  FeatureColumnWriter(ColumnDescriptor column, String name) {
    this.column = column;
    this.name = name;
  }

  /** Level entries of a row: one for a null or empty feature, else one per value (one per empty frame). */
  static long entries(FeatureMatrix m) {
    if (m == null || m.numFrames() == 0) {
      return 1;
    }
    return (long) m.numFrames() * Math.max(1, m.numBins());
  }

  /** Level entries of the column chunk (its value count). */
  static long entries(List<FeatureMatrix> rows) {
    long n = 0;
    for (FeatureMatrix m : rows) {
      n += entries(m);
    }
    return n;
  }

  /**
   * Writes the pages of {@code rows} (the feature of each row, null when the row has none) to {@code sink}.
   *
   * @param paths the rows' paths, for the error of a row too large for one page
   */
  void write(PageSink sink, List<FeatureMatrix> rows, List<String> paths, int pageSize) throws IOException {
    int from = 0;
    while (from < rows.size()) {
      int to = from;
      long bytes = 0;
      while (to < rows.size() && (to == from || bytes < pageSize)) {
        bytes += 4L * valueCount(rows.get(to));
        to++;
      }
      if (bytes > MAX_PAGE_VALUE_BYTES) {
        throw new NoodleVisionException("Parquet output: feature '" + name + "' of file '" + paths.get(from)
            + "' has " + bytes / 4 + " values (" + (bytes >> 20) + " MiB), more than one Parquet page can hold "
            + "(2 GiB); compute fewer bins or a larger --hop-length");
      }
      writePage(sink, rows.subList(from, to), bytes);
      from = to;
    }
  }

  /** Vector min/max for the page statistics, in one pass (scalar Math.min/max per float: ~0.6 s per audio hour). */
  private static final SimdKernels SIMD = SimdKernels.available();
  /**
   * Floats copied into the page per step, then scanned for min/max while still in L1: a row group's values come from
   * main memory (a row group is far larger than the caches), and a second pass over them for the statistics cost
   * ~0.08 CPU s per audio hour of the default features.
   */
  private static final int CHUNK_FLOATS = 4096;

  /** @param valueBytes the bytes of the rows' values (4 per value), as {@link #write} summed them */
  private void writePage(PageSink sink, List<FeatureMatrix> rows, long valueBytes) throws IOException {
    PageBuffer page = sink.page();
    page.reset();
    long entries = writeRepetitionLevels(page, rows);
    long nulls = writeDefinitionLevels(page, rows);
    page.exactCapacity(page.size() + valueBytes);
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    boolean any = false;
    float[] minMax = new float[2];
    for (FeatureMatrix m : rows) {
      int n = valueCount(m);
      if (n == 0) {
        continue;
      }
      float[] data = m.data();
      for (int start = 0; start < n; start += CHUNK_FLOATS) {
        int len = Math.min(CHUNK_FLOATS, n - start);
        page.putFloats(data, start, len);
        if (SIMD != null) {
          SIMD.minMax(data, start, len, minMax);
          min = Math.min(min, minMax[0]);
          max = Math.max(max, minMax[1]);
        } else {
          for (int i = start; i < start + len; i++) {
            min = Math.min(min, data[i]);
            max = Math.max(max, data[i]);
          }
        }
      }
      any = true;
    }
    Statistics<?> stats = Statistics.createStats(column.getPrimitiveType());
    if (any) {
      stats.updateStats(min);
      stats.updateStats(max);
    }
    stats.incrementNumNulls(nulls);
    sink.writePage(Math.toIntExact(entries), rows.size(), stats, true, true);
  }

  /** Repetition levels of the rows, RLE: a row starts with 0, each later frame with 1, its other values are 2. */
  private static long writeRepetitionLevels(PageBuffer page, List<FeatureMatrix> rows) {
    LevelRuns rep = new LevelRuns(page, ExtractParquetSchema.FEATURE_MAX_REPETITION);
    rep.start();
    long entries = 0;
    for (FeatureMatrix m : rows) {
      entries += entries(m);
      rep.add(0, 1);
      if (m == null || m.numFrames() == 0) {
        continue;
      }
      int bins = m.numBins();
      if (bins <= 1) {
        rep.add(1, m.numFrames() - 1L);
        continue;
      }
      rep.add(2, bins - 1L);
      for (int f = 1; f < m.numFrames(); f++) {
        rep.add(1, 1);
        rep.add(2, bins - 1L);
      }
    }
    rep.finish();
    return entries;
  }

  /**
   * Definition levels of the rows, RLE: 0 for a null feature, 1 for no frames, 2 per empty frame, 3 per value.
   *
   * @return the nulls among the level entries (null features, empty lists)
   */
  private static long writeDefinitionLevels(PageBuffer page, List<FeatureMatrix> rows) {
    LevelRuns def = new LevelRuns(page, ExtractParquetSchema.FEATURE_MAX_DEFINITION);
    def.start();
    long nulls = 0;
    for (FeatureMatrix m : rows) {
      if (m == null) {
        def.add(0, 1);
        nulls++;
      } else if (m.numFrames() == 0) {
        def.add(1, 1);
        nulls++;
      } else if (m.numBins() == 0) {
        def.add(2, m.numFrames());
        nulls += m.numFrames();
      } else {
        def.add(3, (long) m.numFrames() * m.numBins());
      }
    }
    def.finish();
    return nulls;
  }

  private static int valueCount(FeatureMatrix m) {
    return m == null ? 0 : Math.multiplyExact(m.numFrames(), m.numBins());
  }
}

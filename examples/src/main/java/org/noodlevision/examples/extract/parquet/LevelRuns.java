package org.noodlevision.examples.extract.parquet;

/**
 * Writes repetition or definition levels into a {@link PageBuffer} in Parquet's RLE / bit-packing hybrid encoding,
 * as data page V1 carries them: a 4-byte little-endian length, then the runs. Only RLE runs are written (a valid
 * hybrid stream): extract's levels come in long runs of equal values (a whole frame, a whole page), so adjacent
 * equal values are merged and each run costs a few bytes.
 */
final class LevelRuns {
  private final PageBuffer out;
  private final int valueBytes;
  private int lengthAt = -1;
  private int value = -1;
  private long count;

  /** @param maxLevel the column's maximum level (> 0; columns whose maximum is 0 carry no levels) */
  LevelRuns(PageBuffer out, int maxLevel) {
    if (maxLevel <= 0) {
      throw new IllegalArgumentException("levels are written only for a maximum level > 0, not " + maxLevel);
    }
    this.out = out;
    int bitWidth = 32 - Integer.numberOfLeadingZeros(maxLevel);
    this.valueBytes = (bitWidth + 7) / 8;
  }

  /** Starts the levels of a page at the buffer's current end. */
  void start() {
    lengthAt = out.size();
    out.putInt(0);
    value = -1;
    count = 0;
  }

  /** Appends {@code n} copies of {@code level}. */
  void add(int level, long n) {
    if (n <= 0) {
      return;
    }
    if (level == value) {
      count += n;
      return;
    }
    flushRun();
    value = level;
    count = n;
  }

  /** Ends the levels: writes the last run and the length prefix. */
  void finish() {
    flushRun();
    out.putIntAt(lengthAt, out.size() - lengthAt - 4);
    lengthAt = -1;
  }

  private void flushRun() {
    while (count > 0) {
      int run = (int) Math.min(count, Integer.MAX_VALUE >>> 1);
      out.putVarInt(run << 1); // low bit 0: an RLE run
      for (int i = 0; i < valueBytes; i++) {
        out.putByte(value >>> (8 * i));
      }
      count -= run;
    }
  }
}

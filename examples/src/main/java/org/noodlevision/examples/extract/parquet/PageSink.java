package org.noodlevision.examples.extract.parquet;

import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.compression.CompressionCodecFactory.BytesInputCompressor;
import org.apache.parquet.hadoop.ParquetFileWriter;

/**
 * Hands finished pages to parquet-mr's file-level {@link ParquetFileWriter} as data pages V1, compressed through
 * parquet-mr's codec when one is set. Owns the one page buffer the column writers fill, page after page.
 */
final class PageSink {
  private final ParquetFileWriter file;
  private final BytesInputCompressor compressor;
  private final PageBuffer page;

  /** @param compressor null for uncompressed pages */
  PageSink(ParquetFileWriter file, BytesInputCompressor compressor, int pageSize) {
    this.file = file;
    this.compressor = compressor;
    this.page = new PageBuffer(pageSize + (pageSize >> 3));
  }

  /** The buffer of the page being built (reset before each page by its writer). */
  PageBuffer page() {
    return page;
  }

  /**
   * Writes the buffer as one data page.
   *
   * @param valueCount level entries of the page (nulls and empty lists included)
   * @param rowCount rows of the page (pages start at rows)
   * @param stats the page's statistics: exact null count, min/max of its values
   * @param repetition whether the page carries repetition levels
   * @param definition whether the page carries definition levels
   */
  void writePage(int valueCount, int rowCount, Statistics<?> stats, boolean repetition, boolean definition)
      throws IOException {
    BytesInput raw = page.bytesInput();
    BytesInput bytes = compressor == null ? raw : compressor.compress(raw);
    file.writeDataPage(valueCount, page.size(), bytes, stats, rowCount, levelEncoding(repetition),
        levelEncoding(definition), Encoding.PLAIN);
  }

  /** RLE for levels that are written; BIT_PACKED (nothing written) for a maximum level of 0, as parquet-mr does. */
  @SuppressWarnings("deprecation")
  private static Encoding levelEncoding(boolean written) {
    return written ? Encoding.RLE : Encoding.BIT_PACKED;
  }
}

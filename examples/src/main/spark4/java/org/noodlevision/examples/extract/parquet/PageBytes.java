package org.noodlevision.examples.extract.parquet;

import org.apache.parquet.bytes.BytesInput;

/**
 * A finished page's bytes for parquet-mr 1.16 (Spark 4): its {@code ParquetFileWriter} checksums a page through
 * {@code BytesInput.toByteBuffer}, which wraps a byte-array input without copying, so parquet-mr's own input serves
 * (the Spark 3.5 variant avoids 1.13's copy).
 */
final class PageBytes {
  private PageBytes() {}

  /** The first {@code length} bytes of {@code bytes}; the caller does not change them until the page is written. */
  static BytesInput of(byte[] bytes, int length) {
    return BytesInput.from(bytes, 0, length);
  }
}

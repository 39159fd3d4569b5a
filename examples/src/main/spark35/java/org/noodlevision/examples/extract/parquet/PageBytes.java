package org.noodlevision.examples.extract.parquet;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.bytes.BytesInput;

/**
 * A finished page's bytes for parquet-mr 1.13 (Spark 3.5): its {@code ParquetFileWriter} checksums a page through
 * {@link BytesInput#toByteArray()}, which for a plain byte-array input copies the page into a new array (1 MiB and
 * more per page; ~0.15 CPU s per audio hour in extract). This input hands out its array instead when the array
 * holds exactly the page, as {@link PageBuffer#exactPage()} arranges.
 */
final class PageBytes extends BytesInput {
  private final byte[] bytes;
  private final int length;

  private PageBytes(byte[] bytes, int length) {
    this.bytes = bytes;
    this.length = length;
  }

  /** The first {@code length} bytes of {@code bytes}; the caller does not change them until the page is written. */
  static BytesInput of(byte[] bytes, int length) {
    return new PageBytes(bytes, length);
  }

  @Override
  public void writeAllTo(OutputStream out) throws IOException {
    out.write(bytes, 0, length);
  }

  @Override
  public byte[] toByteArray() throws IOException {
    return length == bytes.length ? bytes : super.toByteArray();
  }

  @Override
  public long size() {
    return length;
  }
}

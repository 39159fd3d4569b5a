package org.noodlevision.examples.extract.parquet;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A buffered local file for the native writer, opened with java.nio: Hadoop's local file system would also write a
 * {@code .crc} side file (a CRC32 over every byte, which Parquet's own page checksums make redundant) and, without
 * Hadoop's native library, run a {@code chmod} child process for each of the two files.
 */
final class LocalPositionOutputStream extends PositionOutputStream {
  private static final int BUFFER_BYTES = 1 << 16;
  /**
   * The most bytes handed to the file channel at once. The JDK copies each write of a heap array into a temporary
   * direct buffer of the write's size, cached per thread only while later writes fit in it: pages and column chunks
   * of varying sizes made it allocate fresh native memory again and again (a one-hour file spent more time in the
   * kernel zeroing those pages than in computing its features). Slices of at most this size reuse one buffer.
   */
  private static final int SLICE_BYTES = 1 << 20;
  private final OutputStream out;
  private long position;

  private LocalPositionOutputStream(OutputStream out) {
    this.out = out;
  }

  /** Creates {@code file} (and its missing parent directories); an existing file is replaced only if asked. */
  static LocalPositionOutputStream create(Path file, boolean overwrite) throws IOException {
    Path parent = file.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    OutputStream raw = overwrite
        ? Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)
        : Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new LocalPositionOutputStream(new BufferedOutputStream(raw, BUFFER_BYTES));
  }

  @Override
  public long getPos() {
    return position;
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    position++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    for (int done = 0; done < len; ) {
      int slice = Math.min(SLICE_BYTES, len - done);
      out.write(b, off + done, slice);
      done += slice;
    }
    position += len;
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}

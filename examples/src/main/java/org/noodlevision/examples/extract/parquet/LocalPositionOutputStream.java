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
    out.write(b, off, len);
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

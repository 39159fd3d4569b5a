package org.noodlevision.examples.extract.parquet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.parquet.bytes.BytesInput;

/**
 * A growable little-endian byte buffer for one page's bytes (levels, then values), reused from page to page.
 * Floats are copied in bulk through a little-endian {@link java.nio.FloatBuffer} view, not byte by byte.
 */
final class PageBuffer {
  private byte[] bytes;
  private ByteBuffer view;
  private int size;

  PageBuffer(int initialCapacity) {
    bytes = new byte[Math.max(64, initialCapacity)];
    view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  int size() {
    return size;
  }

  void reset() {
    size = 0;
  }

  /** The bytes written so far (no copy: valid until the next write or {@link #reset}). */
  BytesInput bytesInput() {
    return PageBytes.of(bytes, size);
  }

  /**
   * Makes the backing array exactly {@code total} bytes long, keeping what is written, when the page will end there:
   * a page that fills its array is handed to parquet-mr's checksum without a copy ({@link PageBytes}). Pages of one
   * column chunk usually have one size, so the array is reallocated once per column, not per page.
   */
  void exactCapacity(long total) {
    if (total == bytes.length || total < size || total > Integer.MAX_VALUE - 16) {
      return;
    }
    byte[] exact = new byte[(int) total];
    System.arraycopy(bytes, 0, exact, 0, size);
    bytes = exact;
    view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  void putByte(int b) {
    ensure(1);
    bytes[size++] = (byte) b;
  }

  void putInt(int v) {
    ensure(4);
    view.putInt(size, v);
    size += 4;
  }

  /** Overwrites the 4 bytes at {@code at} (a length prefix written before its content). */
  void putIntAt(int at, int v) {
    view.putInt(at, v);
  }

  void putLong(long v) {
    ensure(8);
    view.putLong(size, v);
    size += 8;
  }

  void putDouble(double v) {
    ensure(8);
    view.putDouble(size, v);
    size += 8;
  }

  /** Unsigned LEB128, as the RLE run headers of the levels are written. */
  void putVarInt(int v) {
    while ((v & ~0x7F) != 0) {
      putByte((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    putByte(v);
  }

  /** PLAIN byte array: 4-byte length, then the UTF-8 bytes. */
  void putString(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    putInt(utf8.length);
    ensure(utf8.length);
    System.arraycopy(utf8, 0, bytes, size, utf8.length);
    size += utf8.length;
  }

  /** {@code count} floats of {@code data} from {@code offset}, PLAIN (IEEE 754 little-endian). */
  void putFloats(float[] data, int offset, int count) {
    ensure(4L * count);
    view.position(size);
    view.asFloatBuffer().put(data, offset, count);
    view.clear();
    size += 4 * count;
  }

  private void ensure(long more) {
    long need = size + more;
    if (need <= bytes.length) {
      return;
    }
    if (need > Integer.MAX_VALUE - 16) {
      throw new IllegalStateException("a Parquet page cannot hold more than 2 GiB (" + need + " bytes)");
    }
    int capacity = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(need, 2L * bytes.length));
    bytes = Arrays.copyOf(bytes, capacity);
    view = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }
}

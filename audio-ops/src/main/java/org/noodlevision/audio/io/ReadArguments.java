package org.noodlevision.audio.io;

/** The argument checks every {@link AudioStream#read} implementation makes before reading. */
final class ReadArguments {
  private ReadArguments() {}

  /**
   * @throws IllegalStateException when the stream of {@code source} is closed
   * @throws IndexOutOfBoundsException when {@code off}/{@code len} do not fit {@code dst}
   */
  static void check(boolean closed, String source, float[] dst, int off, int len) {
    if (closed) {
      throw new IllegalStateException("stream for '" + source + "' is closed");
    }
    if (off < 0 || len < 0 || len > dst.length - off) {
      throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", array " + dst.length);
    }
  }
}

package org.noodlevision.audio.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * Little-endian reads from an untrusted stream whose total length is known. Every short read or I/O failure
 * becomes an {@link AudioDecodeException} naming the source; nothing here allocates from a size the content
 * declares.
 */
final class ByteInput implements AutoCloseable {
  private final InputStream in;
  private final String source;
  private final long length;
  private final byte[] scratch = new byte[8];
  private long position;

  ByteInput(InputStream in, long length, String source) {
    this.in = in;
    this.length = length;
    this.source = source;
  }

  String source() {
    return source;
  }

  /** Total byte length of the source (file size or array length). */
  long length() {
    return length;
  }

  long position() {
    return position;
  }

  long remaining() {
    return length - position;
  }

  /** Reads exactly {@code len} bytes or fails naming {@code what} was being read. */
  void readFully(byte[] dst, int off, int len, String what) {
    int done = readUpTo(dst, off, len);
    if (done < len) {
      throw new AudioDecodeException(
          source,
          "truncated " + what + ": needed " + len + " bytes at offset " + (position - done) + " but the file ends after "
              + done);
    }
  }

  /** Reads up to {@code len} bytes, fewer only at the end of the source. */
  int readUpTo(byte[] dst, int off, int len) {
    int done = 0;
    try {
      while (done < len) {
        int n = in.read(dst, off + done, len - done);
        if (n < 0) {
          break;
        }
        done += n;
      }
    } catch (IOException e) {
      throw new AudioDecodeException(source, "I/O error while reading: " + e.getMessage(), e);
    }
    position += done;
    return done;
  }

  int readU16(String what) {
    readFully(scratch, 0, 2, what);
    return (scratch[0] & 0xFF) | (scratch[1] & 0xFF) << 8;
  }

  long readU32(String what) {
    readFully(scratch, 0, 4, what);
    return (scratch[0] & 0xFFL) | (scratch[1] & 0xFFL) << 8 | (scratch[2] & 0xFFL) << 16 | (scratch[3] & 0xFFL) << 24;
  }

  /** Skips {@code n} bytes; fails if the source ends first. */
  void skip(long n, String what) {
    if (n > remaining()) {
      throw new AudioDecodeException(
          source,
          what + " declares " + n + " bytes at offset " + position + " but only " + remaining()
              + " remain (file truncated or chunk size corrupt)");
    }
    try {
      long left = n;
      while (left > 0) {
        long skipped = in.skip(left);
        if (skipped <= 0) {
          if (in.read() < 0) {
            throw new AudioDecodeException(source, "unexpected end of file while skipping " + what);
          }
          skipped = 1;
        }
        left -= skipped;
      }
    } catch (IOException e) {
      throw new AudioDecodeException(source, "I/O error while reading: " + e.getMessage(), e);
    }
    position += n;
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      // Closing a read-only stream: nothing to recover.
    }
  }
}

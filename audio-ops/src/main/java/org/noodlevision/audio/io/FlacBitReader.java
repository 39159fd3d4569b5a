package org.noodlevision.audio.io;

/**
 * MSB-first bit reader over a {@link ByteInput}, through one fixed buffer, keeping the running CRC-8 and CRC-16 of
 * the bytes consumed since {@link #startCrc()}. End of input inside a read is an {@link AudioDecodeException}.
 */
final class FlacBitReader {
  private static final int BUFFER_BYTES = 64 * 1024;
  private static final int[] CRC8 = table(0x07, 8);
  private static final int[] CRC16 = table(0x8005, 16);

  private final ByteInput in;
  private final byte[] buf = new byte[BUFFER_BYTES];
  private int limit;
  private int pos;
  private int bit; // bits of buf[pos] already consumed, 0..7
  private int crcPos; // bytes of buf before this are already in the CRCs
  private int crc8;
  private int crc16;
  private boolean crc8Active;
  private boolean eof;

  FlacBitReader(ByteInput in) {
    this.in = in;
  }

  String source() {
    return in.source();
  }

  /** Absolute byte offset of the next unread byte (for error messages). */
  long offset() {
    return in.position() - (limit - pos);
  }

  /** True when no byte is left (call at a byte boundary). */
  boolean atEnd() {
    return pos == limit && !fill();
  }

  /** Bytes left in the source (buffered plus unread). */
  long remainingBytes() {
    return (limit - pos) + in.remaining();
  }

  /** Peeks the next {@code n <= 128} bytes without consuming them, or null if fewer remain. */
  byte[] peekBytes(int n) {
    while (limit - pos < n) {
      if (!fill()) {
        return null;
      }
    }
    byte[] out = new byte[n];
    System.arraycopy(buf, pos, out, 0, n);
    return out;
  }

  void startCrc() {
    crcPos = pos;
    crc8 = 0;
    crc16 = 0;
    crc8Active = true;
  }

  /**
   * CRC-8 of the bytes consumed since {@link #startCrc()} (call once, at a byte boundary, at the end of the frame
   * header: afterwards only the CRC-16 is kept).
   */
  int crc8() {
    updateCrc();
    crc8Active = false;
    return crc8;
  }

  /** CRC-16 of the bytes consumed since {@link #startCrc()} (call at a byte boundary). */
  int crc16() {
    updateCrc();
    return crc16;
  }

  boolean byteAligned() {
    return bit == 0;
  }

  /** Skips to the next byte boundary, returning the skipped bits (the format requires them to be zero). */
  int alignToByte() {
    if (bit == 0) {
      return 0;
    }
    return readUInt(8 - bit);
  }

  int readBit() {
    ensure();
    int v = (buf[pos] >> (7 - bit)) & 1;
    if (++bit == 8) {
      bit = 0;
      pos++;
    }
    return v;
  }

  /** Reads {@code n} (0..32) bits as an unsigned value. */
  long readULong(int n) {
    if (limit - pos >= 5) {
      // Fast path: a 40-bit window always holds the 7 consumed bits of buf[pos] plus 32 more.
      long window = (buf[pos] & 0xFFL) << 32 | (buf[pos + 1] & 0xFFL) << 24 | (buf[pos + 2] & 0xFFL) << 16
          | (buf[pos + 3] & 0xFFL) << 8 | (buf[pos + 4] & 0xFFL);
      long v = (window >>> (40 - bit - n)) & ((1L << n) - 1);
      int advance = bit + n;
      pos += advance >>> 3;
      bit = advance & 7;
      return v;
    }
    long v = 0;
    while (n > 0) {
      ensure();
      int avail = 8 - bit;
      int take = Math.min(avail, n);
      int b = buf[pos] & 0xFF;
      int bits = (b >> (avail - take)) & ((1 << take) - 1);
      v = (v << take) | bits;
      n -= take;
      bit += take;
      if (bit == 8) {
        bit = 0;
        pos++;
      }
    }
    return v;
  }

  /** Reads {@code n} (0..31) bits as an unsigned int. */
  int readUInt(int n) {
    return (int) readULong(n);
  }

  /** Reads {@code n} (0..32) bits as a two's-complement signed value. */
  int readSInt(int n) {
    if (n == 0) {
      return 0;
    }
    long v = readULong(n);
    return (int) ((v << (64 - n)) >> (64 - n));
  }

  /** Counts zero bits up to the next one bit (consumed); fails past {@code max} zeros. */
  int readUnary(int max) {
    if (limit - pos >= 5) {
      // Fast path: the unconsumed bits of a 40-bit window, moved to the top of a long.
      long window = (buf[pos] & 0xFFL) << 56 | (buf[pos + 1] & 0xFFL) << 48 | (buf[pos + 2] & 0xFFL) << 40
          | (buf[pos + 3] & 0xFFL) << 32 | (buf[pos + 4] & 0xFFL) << 24;
      long w = window << bit;
      if (w != 0) {
        int lead = Long.numberOfLeadingZeros(w);
        if (lead <= max) {
          int advance = bit + lead + 1;
          pos += advance >>> 3;
          bit = advance & 7;
          return lead;
        }
      }
    }
    int zeros = 0;
    while (true) {
      ensure();
      int b = (buf[pos] << bit) & 0xFF;
      if (b == 0) {
        zeros += 8 - bit;
        bit = 0;
        pos++;
      } else {
        int lead = Integer.numberOfLeadingZeros(b) - 24;
        zeros += lead;
        bit += lead + 1;
        if (bit == 8) {
          bit = 0;
          pos++;
        }
        return zeros;
      }
      if (zeros > max) {
        throw new AudioDecodeException(
            in.source(), "corrupt FLAC residual near offset " + offset() + ": unary code longer than " + max + " bits");
      }
    }
  }

  private void ensure() {
    if (pos == limit && !fill()) {
      throw new AudioDecodeException(
          in.source(), "FLAC stream ends inside a frame at offset " + offset() + " (file truncated)");
    }
  }

  private boolean fill() {
    if (eof) {
      return false;
    }
    updateCrc();
    int keep = limit - pos;
    System.arraycopy(buf, pos, buf, 0, keep);
    limit = keep;
    pos = 0;
    crcPos = 0;
    int got = in.readUpTo(buf, limit, buf.length - limit);
    if (got <= 0) {
      eof = true;
      return false;
    }
    limit += got;
    return true;
  }

  private void updateCrc() {
    int c16 = crc16;
    if (crc8Active) {
      for (int i = crcPos; i < pos; i++) {
        crc8 = CRC8[crc8 ^ (buf[i] & 0xFF)];
      }
    }
    for (int i = crcPos; i < pos; i++) {
      c16 = ((c16 << 8) ^ CRC16[(c16 >> 8) ^ (buf[i] & 0xFF)]) & 0xFFFF;
    }
    crc16 = c16;
    crcPos = pos;
  }

  private static int[] table(int poly, int width) {
    int[] t = new int[256];
    int top = 1 << (width - 1);
    int mask = (1 << width) - 1;
    for (int i = 0; i < 256; i++) {
      int c = i << (width - 8);
      for (int k = 0; k < 8; k++) {
        c = (c & top) != 0 ? ((c << 1) ^ poly) : (c << 1);
      }
      t[i] = c & mask;
    }
    return t;
  }
}

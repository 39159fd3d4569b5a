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
  }

  /** CRC-8 of the bytes consumed since {@link #startCrc()} (call at a byte boundary). */
  int crc8() {
    updateCrc();
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
    for (int i = crcPos; i < pos; i++) {
      int b = buf[i] & 0xFF;
      crc8 = CRC8[crc8 ^ b];
      crc16 = ((crc16 << 8) ^ CRC16[(crc16 >> 8) ^ b]) & 0xFFFF;
    }
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

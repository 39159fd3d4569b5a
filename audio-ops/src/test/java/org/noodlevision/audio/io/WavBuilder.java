package org.noodlevision.audio.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds WAV files byte by byte for tests: any format tag, bit depth and chunk layout, valid or deliberately not. */
final class WavBuilder {
  static final int PCM = 1;
  static final int FLOAT = 3;
  static final int EXTENSIBLE = 0xFFFE;

  private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();
  private Long riffSizeOverride;

  static WavBuilder create() {
    return new WavBuilder();
  }

  /** A plain 16-byte fmt chunk with block align = channels x bits/8. */
  WavBuilder fmt(int tag, int channels, int sampleRate, int bits) {
    return fmt(tag, channels, sampleRate, bits, channels * (bits / 8));
  }

  WavBuilder fmt(int tag, int channels, int sampleRate, int bits, int blockAlign) {
    byte[] b = new byte[16];
    le16(b, 0, tag);
    le16(b, 2, channels);
    le32(b, 4, sampleRate);
    le32(b, 8, (long) sampleRate * blockAlign);
    le16(b, 12, blockAlign);
    le16(b, 14, bits);
    return chunk("fmt ", b);
  }

  /** A 40-byte WAVE_FORMAT_EXTENSIBLE fmt chunk whose subformat GUID carries {@code subTag}. */
  WavBuilder fmtExtensible(int subTag, int channels, int sampleRate, int bits, int validBits) {
    byte[] b = new byte[40];
    int blockAlign = channels * (bits / 8);
    le16(b, 0, EXTENSIBLE);
    le16(b, 2, channels);
    le32(b, 4, sampleRate);
    le32(b, 8, (long) sampleRate * blockAlign);
    le16(b, 12, blockAlign);
    le16(b, 14, bits);
    le16(b, 16, 22);
    le16(b, 18, validBits);
    le32(b, 20, 0);
    le16(b, 24, subTag);
    byte[] tail = {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71};
    System.arraycopy(tail, 0, b, 26, tail.length);
    return chunk("fmt ", b);
  }

  /** A chunk with its real size, padded to even length. */
  WavBuilder chunk(String id, byte[] body) {
    return chunk(id, body.length, body);
  }

  /** A chunk whose size field says {@code declaredSize} whatever the body holds (pad byte added if body is odd). */
  WavBuilder chunk(String id, long declaredSize, byte[] body) {
    byte[] h = new byte[8];
    byte[] idBytes = id.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(idBytes, 0, h, 0, 4);
    le32(h, 4, declaredSize);
    chunks.writeBytes(h);
    chunks.writeBytes(body);
    if ((body.length & 1) == 1 && !id.equals("data")) {
      chunks.write(0);
    }
    return this;
  }

  WavBuilder data(byte[] body) {
    return chunk("data", body);
  }

  WavBuilder riffSize(long size) {
    riffSizeOverride = size;
    return this;
  }

  byte[] build() {
    byte[] body = chunks.toByteArray();
    byte[] out = new byte[12 + body.length];
    System.arraycopy("RIFF".getBytes(StandardCharsets.ISO_8859_1), 0, out, 0, 4);
    le32(out, 4, riffSizeOverride != null ? riffSizeOverride : 4 + body.length);
    System.arraycopy("WAVE".getBytes(StandardCharsets.ISO_8859_1), 0, out, 8, 4);
    System.arraycopy(body, 0, out, 12, body.length);
    return out;
  }

  /** Interleaved 16-bit little-endian PCM. */
  static byte[] pcm16(short... samples) {
    byte[] b = new byte[samples.length * 2];
    for (int i = 0; i < samples.length; i++) {
      le16(b, 2 * i, samples[i]);
    }
    return b;
  }

  static byte[] pcm24(int... samples) {
    byte[] b = new byte[samples.length * 3];
    for (int i = 0; i < samples.length; i++) {
      b[3 * i] = (byte) samples[i];
      b[3 * i + 1] = (byte) (samples[i] >> 8);
      b[3 * i + 2] = (byte) (samples[i] >> 16);
    }
    return b;
  }

  static byte[] pcm32(int... samples) {
    byte[] b = new byte[samples.length * 4];
    for (int i = 0; i < samples.length; i++) {
      le32(b, 4 * i, samples[i]);
    }
    return b;
  }

  static byte[] float32(float... samples) {
    byte[] b = new byte[samples.length * 4];
    for (int i = 0; i < samples.length; i++) {
      le32(b, 4 * i, Float.floatToRawIntBits(samples[i]));
    }
    return b;
  }

  static byte[] float64(double... samples) {
    byte[] b = new byte[samples.length * 8];
    for (int i = 0; i < samples.length; i++) {
      long v = Double.doubleToRawLongBits(samples[i]);
      le32(b, 8 * i, v);
      le32(b, 8 * i + 4, v >>> 32);
    }
    return b;
  }

  static void le16(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >> 8);
  }

  static void le32(byte[] b, int off, long v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >> 8);
    b[off + 2] = (byte) (v >> 16);
    b[off + 3] = (byte) (v >> 24);
  }
}

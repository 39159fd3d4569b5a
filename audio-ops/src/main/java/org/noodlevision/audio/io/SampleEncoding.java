package org.noodlevision.audio.io;

/**
 * How one interleaved sample is stored, and its conversion to float32 exactly as libsndfile (and so soundfile and
 * librosa) performs it: PCM scaled by 2^-(bits-1) (unsigned 8-bit re-centred on 128), floats as stored (float64
 * rounded to float32).
 */
enum SampleEncoding {
  PCM_U8(1, "PCM 8-bit unsigned"),
  PCM_S16(2, "PCM 16-bit"),
  PCM_S24(3, "PCM 24-bit"),
  PCM_S32(4, "PCM 32-bit"),
  FLOAT32(4, "IEEE float 32-bit"),
  FLOAT64(8, "IEEE float 64-bit");

  private static final float SCALE_8 = 1f / 128f;
  private static final float SCALE_16 = 1f / 32768f;
  private static final float SCALE_24 = 1f / 8388608f;
  private static final float SCALE_32 = 1f / 2147483648f;

  final int bytes;
  final String description;

  SampleEncoding(int bytes, String description) {
    this.bytes = bytes;
    this.description = description;
  }

  /** Converts {@code count} consecutive little-endian samples from {@code src[srcOff..]} to float32. */
  void toFloat(byte[] src, int srcOff, float[] dst, int dstOff, int count) {
    switch (this) {
      case PCM_U8:
        for (int i = 0; i < count; i++) {
          dst[dstOff + i] = ((src[srcOff + i] & 0xFF) - 128) * SCALE_8;
        }
        break;
      case PCM_S16:
        for (int i = 0, o = srcOff; i < count; i++, o += 2) {
          dst[dstOff + i] = (short) ((src[o] & 0xFF) | src[o + 1] << 8) * SCALE_16;
        }
        break;
      case PCM_S24:
        for (int i = 0, o = srcOff; i < count; i++, o += 3) {
          dst[dstOff + i] = ((src[o] & 0xFF) | (src[o + 1] & 0xFF) << 8 | src[o + 2] << 16) * SCALE_24;
        }
        break;
      default:
        for (int i = 0, o = srcOff; i < count; i++, o += bytes) {
          dst[dstOff + i] = read(src, o);
        }
        break;
    }
  }

  /** Reads the little-endian sample at {@code off} as float32. */
  float read(byte[] b, int off) {
    switch (this) {
      case PCM_U8:
        return ((b[off] & 0xFF) - 128) * SCALE_8;
      case PCM_S16:
        return (short) ((b[off] & 0xFF) | b[off + 1] << 8) * SCALE_16;
      case PCM_S24:
        return ((b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | b[off + 2] << 16) * SCALE_24;
      case PCM_S32:
        return (float) int32(b, off) * SCALE_32;
      case FLOAT32:
        return Float.intBitsToFloat(int32(b, off));
      case FLOAT64:
        long lo = int32(b, off) & 0xFFFFFFFFL;
        long hi = int32(b, off + 4);
        return (float) Double.longBitsToDouble(hi << 32 | lo);
      default:
        throw new AssertionError(this);
    }
  }

  private static int int32(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | b[off + 3] << 24;
  }
}

package org.noodlevision.audio.io;

/**
 * Reads a whole {@link AudioStream} into one array. The initial capacity comes from the header only up to what the
 * real byte length can hold; beyond that the array grows by doubling, so a header that lies costs nothing. The
 * result is capped at {@code maxSamples}: FLAC can legitimately expand a few bytes into a whole block of samples,
 * so without a cap a small crafted file could demand any amount of memory.
 */
final class ClipReader {
  private static final int CHUNK = 16 * 1024;
  /** Largest Java array of floats the JVM reliably allocates. */
  static final long MAX_ARRAY_SAMPLES = Integer.MAX_VALUE - 16;

  private ClipReader() {}

  static DecodedAudio readAll(AudioStream stream, long byteLength, long maxSamples) {
    long limit = Math.min(maxSamples, MAX_ARRAY_SAMPLES);
    if (stream.verifiedNumSamples() > limit) { // a WAV's length is checked against its bytes: fail before decoding
      throw tooLong(stream, limit);
    }
    try {
      float[] out = allocate(stream, initialCapacity(stream, byteLength, limit));
      float[] probe = new float[1];
      int n = 0;
      while (true) {
        if (n == out.length) {
          // full: grow only when the clip goes on (an array sized from an honest header is exactly full at the end)
          int more = stream.read(probe, 0, 1);
          if (more < 0) {
            break;
          }
          if (out.length >= limit) {
            throw tooLong(stream, limit);
          }
          out = copyOf(stream, out, n, (int) Math.min(limit, Math.max((long) out.length * 2, n + (long) CHUNK)));
          if (more > 0) {
            out[n++] = probe[0];
          }
          continue;
        }
        int got = stream.read(out, n, Math.min(CHUNK, out.length - n));
        if (got < 0) {
          break;
        }
        n += got;
      }
      float[] samples = n == out.length ? out : copyOf(stream, out, n, n);
      return new DecodedAudio(samples, stream.sampleRate(), stream.channels(), stream.format());
    } catch (RuntimeException | StackOverflowError e) {
      throw DecodeFailures.wrap(stream.source(), e);
    }
  }

  private static int initialCapacity(AudioStream stream, long byteLength, long limit) {
    long declared = stream.declaredNumSamples();
    // Never trust a declared count beyond one sample per byte of input (FLAC can compress further; the array then
    // grows as samples actually arrive), nor beyond the limit.
    long cap = declared >= 0 ? Math.min(declared, byteLength) : Math.min(byteLength / 2, 1 << 20);
    return (int) Math.max(1, Math.min(limit, cap));
  }

  /**
   * {@code new float[n]}; when the heap cannot hold it, a typed error for this file instead of the OutOfMemoryError,
   * so that the file fails alone and the job goes on.
   */
  private static float[] allocate(AudioStream stream, int n) {
    try {
      return new float[n];
    } catch (OutOfMemoryError e) {
      throw new AudioDecodeException(stream.source(), "its samples need " + ((long) n * Float.BYTES >> 20)
          + " MiB in one array, more than this JVM's heap (" + (Runtime.getRuntime().maxMemory() >> 20)
          + " MiB in all) can give now. Allowed: clips that fit in memory whole; read long clips incrementally "
          + "(AudioDecoders.open, or extract, which streams them), give executors more memory, or skip the longest "
          + "with the audio source's maxDurationSec option", e);
    }
  }

  /** The first {@code n} samples of {@code src} in a new array of {@code length}, allocated as {@link #allocate}. */
  private static float[] copyOf(AudioStream stream, float[] src, int n, int length) {
    float[] copy = allocate(stream, length);
    System.arraycopy(src, 0, copy, 0, n);
    return copy;
  }

  private static ClipTooLongException tooLong(AudioStream stream, long limit) {
    return new ClipTooLongException(stream.source(), limit);
  }
}

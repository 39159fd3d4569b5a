package org.noodlevision.audio.io;

import java.util.Arrays;

/**
 * Reads a whole {@link AudioStream} into one array. The initial capacity comes from the header only up to what the
 * real byte length can hold; beyond that the array grows by doubling, so a header that lies costs nothing.
 */
final class ClipReader {
  private static final int CHUNK = 16 * 1024;
  private static final int MAX_SAMPLES = Integer.MAX_VALUE - 16;

  private ClipReader() {}

  static DecodedAudio readAll(AudioStream stream, long byteLength) {
    try {
      float[] out = new float[initialCapacity(stream, byteLength)];
      int n = 0;
      while (true) {
        if (out.length - n < CHUNK) {
          out = grow(stream, out, n);
        }
        int got = stream.read(out, n, Math.min(CHUNK, out.length - n));
        if (got < 0) {
          break;
        }
        n += got;
      }
      float[] samples = n == out.length ? out : Arrays.copyOf(out, n);
      return new DecodedAudio(samples, stream.sampleRate(), stream.channels(), stream.format());
    } catch (RuntimeException | StackOverflowError e) {
      throw DecodeFailures.wrap(stream.source(), e);
    }
  }

  private static int initialCapacity(AudioStream stream, long byteLength) {
    long declared = stream.declaredNumSamples();
    // A mono sample needs at least one byte of input (FLAC compresses, but the header-declared count is then only a
    // hint): never trust more than the file could hold at one byte per sample, plus one chunk of slack.
    long bound = Math.min(byteLength, MAX_SAMPLES - CHUNK);
    long cap = declared >= 0 ? Math.min(declared, bound) : Math.min(bound / 2, 1 << 20);
    return (int) Math.max(CHUNK, cap + CHUNK);
  }

  private static float[] grow(AudioStream stream, float[] out, int n) {
    if (out.length >= MAX_SAMPLES) {
      throw new AudioDecodeException(
          stream.source(), "clip has more than " + MAX_SAMPLES + " samples, too long to decode into one array; use"
              + " AudioDecoders.open to stream it");
    }
    long next = Math.min(MAX_SAMPLES, Math.max((long) out.length * 2, n + (long) CHUNK));
    return Arrays.copyOf(out, (int) next);
  }
}

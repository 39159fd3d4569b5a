package org.noodlevision.reliability;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Streams a long mono PCM16 WAV to disk without holding it in memory: a 10-second music-like pattern (a changing
 * chord of harmonic tones over quiet noise) repeated to the requested length. Used by the memory-bound tests.
 */
final class LongWavWriter {
  static final int SAMPLE_RATE = 22_050;
  private static final int PATTERN_SECONDS = 10;

  private LongWavWriter() {
  }

  /** Writes {@code numSamples} samples at {@link #SAMPLE_RATE}; returns the file. */
  static Path write(Path file, long numSamples) throws IOException {
    byte[] pattern = pattern();
    long dataBytes = numSamples * 2;
    if (dataBytes + 36 > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException(numSamples + " samples do not fit a RIFF file");
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
      h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes));
      h.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16);
      h.putShort((short) 1).putShort((short) 1).putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2);
      h.putShort((short) 2).putShort((short) 16);
      h.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) dataBytes);
      out.write(h.array());
      long left = dataBytes;
      while (left > 0) {
        int n = (int) Math.min(left, pattern.length);
        out.write(pattern, 0, n);
        left -= n;
      }
    }
    return file;
  }

  private static byte[] pattern() {
    int n = SAMPLE_RATE * PATTERN_SECONDS;
    ByteBuffer b = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
    Random noise = new Random(8);
    double[] roots = {220.0, 246.94, 261.63, 293.66, 329.63, 349.23, 392.0, 440.0, 493.88, 523.25};
    for (int i = 0; i < n; i++) {
      double t = (double) i / SAMPLE_RATE;
      double root = roots[i / SAMPLE_RATE];
      double v = 0;
      for (double ratio : new double[] {1.0, 1.25, 1.5}) {
        for (int h = 1; h <= 4; h++) {
          v += Math.sin(2 * Math.PI * root * ratio * h * t) / (h * 6.0);
        }
      }
      v = 0.5 * v + 0.01 * noise.nextGaussian();
      b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32767))));
    }
    return b.array();
  }
}

package org.noodlevision.spark.reliability;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Mono PCM16 WAVs at 22.05 kHz written by streaming: long files and directories of short clips. */
final class TestWavFiles {
  static final int SAMPLE_RATE = 22_050;

  private TestWavFiles() {
  }

  /** A music-like second (a chord of harmonic tones over quiet noise) whose root depends on {@code seed}. */
  static byte[] pcmSecond(int seed) {
    ByteBuffer b = ByteBuffer.allocate(2 * SAMPLE_RATE).order(ByteOrder.LITTLE_ENDIAN);
    Random noise = new Random(seed);
    double root = 220.0 * Math.pow(2, (seed % 12) / 12.0);
    for (int i = 0; i < SAMPLE_RATE; i++) {
      double t = (double) i / SAMPLE_RATE;
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

  /** Writes {@code numSamples} samples, cycling through 10 different seconds. */
  static Path writeLong(Path file, long numSamples) throws IOException {
    List<byte[]> seconds = new ArrayList<>();
    for (int s = 0; s < 10; s++) {
      seconds.add(pcmSecond(s));
    }
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      out.write(header(numSamples));
      long left = 2 * numSamples;
      for (int s = 0; left > 0; s = (s + 1) % seconds.size()) {
        int n = (int) Math.min(left, seconds.get(s).length);
        out.write(seconds.get(s), 0, n);
        left -= n;
      }
    }
    return file;
  }

  /** Writes {@code count} clips of {@code samples} samples each into {@code dir}; returns their paths. */
  static List<Path> writeClips(Path dir, int count, int samples) throws IOException {
    Files.createDirectories(dir);
    byte[][] pcm = new byte[12][];
    for (int s = 0; s < pcm.length; s++) {
      pcm[s] = pcmSecond(s);
    }
    List<Path> files = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Path f = dir.resolve(String.format("clip-%05d.wav", i));
      try (OutputStream out = Files.newOutputStream(f)) {
        out.write(header(samples));
        out.write(pcm[i % pcm.length], 2 * (i % 997), 2 * samples);
      }
      files.add(f);
    }
    return files;
  }

  /** A whole in-memory WAV of {@code pcm} (mono PCM16 bytes). */
  static byte[] wav(byte[] pcm) {
    byte[] h = header(pcm.length / 2);
    byte[] out = java.util.Arrays.copyOf(h, h.length + pcm.length);
    System.arraycopy(pcm, 0, out, h.length, pcm.length);
    return out;
  }

  private static byte[] header(long numSamples) {
    long dataBytes = 2 * numSamples;
    ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
    h.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes));
    h.put("WAVEfmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16);
    h.putShort((short) 1).putShort((short) 1).putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2);
    h.putShort((short) 2).putShort((short) 16);
    h.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) dataBytes);
    return h.array();
  }
}

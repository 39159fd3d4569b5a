package org.noodlevision.reliability;

import java.nio.file.Path;
import java.util.EnumSet;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureMemoryException;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeaturePipeline;
import org.noodlevision.audio.features.FeatureResult;
import org.noodlevision.audio.io.AudioDecodeException;
import org.noodlevision.audio.io.AudioDecoders;
import org.noodlevision.audio.io.AudioStream;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.memory.MemoryManagerConfig;
import org.noodlevision.memory.MemoryPolicy;

/**
 * Entry point of the forked, small-heap JVMs of {@link OutputMemoryExhaustionTest}: all five features of a generated
 * clip whose outputs are larger than the heap (expected to fail with {@link FeatureMemoryException}), then of a short
 * clip on the same pipeline (expected to succeed); or ({@code decode LONG SHORT}) decoding a WAV whose samples are
 * larger than the heap (expected to fail with {@link AudioDecodeException}), then a short one; or
 * ({@code pool LONG SHORT}) two outputs of which only the first fits the pool (the pool must be empty after the
 * failure). Prints
 * {@code RESULT key=value ...} lines; exit code 0 when both went as expected, 2 on anything else (an
 * OutOfMemoryError included), with the throwable printed.
 */
public final class OutputMemoryRun {
  private OutputMemoryRun() {
  }

  public static void main(String[] args) {
    try {
      if (args[0].equals("pool")) {
        runWithPool(Path.of(args[1]), Path.of(args[2]));
        System.exit(0);
      }
      if (args[0].equals("decode")) {
        try {
          AudioDecoders.decode(Path.of(args[1]));
          System.out.println("RESULT decode=decoded");
        } catch (AudioDecodeException e) {
          System.out.println("RESULT decode=AudioDecodeException");
          System.out.println("MESSAGE " + e.getMessage());
        }
        System.out.println("RESULT afterDecode=" + AudioDecoders.decode(Path.of(args[2])).numSamples());
        System.exit(0);
      }
      int seconds = Integer.parseInt(args[0]);
      try (FeaturePipeline p = new FeaturePipeline(FeatureParams.defaults(), EnumSet.allOf(Feature.class))) {
        try {
          p.compute(() -> new ToneStream(seconds * 22050L));
          System.out.println("RESULT long=computed");
        } catch (FeatureMemoryException e) {
          System.out.println("RESULT long=FeatureMemoryException");
          System.out.println("MESSAGE " + e.getMessage());
        }
        FeatureResult shortClip = p.compute(() -> new ToneStream(5 * 22050L));
        System.out.println("RESULT shortFrames=" + shortClip.numFrames() + " shortSpectrogramValues="
            + shortClip.get(Feature.SPECTROGRAM).data().length);
      }
      System.exit(0);
    } catch (Throwable t) {
      t.printStackTrace(System.out);
      System.exit(2);
    }
  }

  /**
   * Spectrogram and power spectrogram of a WAV (its length verified, so both outputs are allocated when the run
   * starts) with a pool that holds only the first: the second falls back to a heap too small for it. Prints what the
   * pool still holds after the failure, then computes a short WAV with the same manager.
   */
  private static void runWithPool(Path longWav, Path shortWav) {
    MemoryManagerConfig config = MemoryManagerConfig.builder().policy(MemoryPolicy.CONSERVATIVE)
        .cpuMaxSize(80L << 20).build();
    EnumSet<Feature> two = EnumSet.of(Feature.SPECTROGRAM, Feature.POWER_SPECTROGRAM);
    try (MemoryManager mm = new MemoryManager(config);
        FeaturePipeline p = new FeaturePipeline(FeatureParams.defaults(), two, mm)) {
      try {
        p.compute(() -> AudioDecoders.open(longWav));
        System.out.println("RESULT pool=computed");
      } catch (FeatureMemoryException e) {
        System.out.println("RESULT pool=FeatureMemoryException");
        System.out.println("MESSAGE " + e.getMessage());
      }
      System.out.println("RESULT liveBytesAfterFailure=" + mm.getStatistics().liveBytes()
          + " liveTensorsAfterFailure=" + mm.getStatistics().liveTensors());
      FeatureResult shortClip = p.compute(() -> AudioDecoders.open(shortWav));
      System.out.println("RESULT shortFrames=" + shortClip.numFrames());
    }
  }

  /** A 440 Hz tone of {@code length} samples at 22.05 kHz, generated as read: never held whole. */
  static final class ToneStream implements AudioStream {
    private final long length;
    private long position;

    ToneStream(long length) {
      this.length = length;
    }

    @Override public int sampleRate() { return 22050; }
    @Override public int channels() { return 1; }
    @Override public long declaredNumSamples() { return length; }
    @Override public String format() { return "generated"; }
    @Override public String source() { return "tone-" + length + "-samples"; }

    @Override
    public int read(float[] dst, int off, int len) {
      if (position >= length) {
        return -1;
      }
      int n = (int) Math.min(len, length - position);
      for (int i = 0; i < n; i++) {
        dst[off + i] = (float) (0.4 * Math.sin(2 * Math.PI * 440 * (position + i) / 22050.0));
      }
      position += n;
      return n;
    }

    @Override public void close() {}
  }
}

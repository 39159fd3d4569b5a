package org.noodlevision.audio.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.audio.io.AudioDecoders;
import org.noodlevision.audio.io.AudioStream;
import org.noodlevision.audio.io.DecodedAudio;
import org.noodlevision.audio.io.ForwardingAudioStream;
import org.noodlevision.audio.ops.ChromaOperator;
import org.noodlevision.audio.ops.MfccOperator;
import org.noodlevision.audio.ops.SpectrogramOperator;

/** Pipeline behaviour: edge cases, streaming equals in-memory, one STFT for all features, typed errors. */
class FeaturePipelineTest {
  private static final EnumSet<Feature> ALL = EnumSet.allOf(Feature.class);

  private static float[] tones(int n, int sr) {
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      double t = (double) i / sr;
      double env = Math.min(1.0, i / (double) (n / 2 + 1)); // growing loudness: the clip max comes late
      y[i] = (float) (env * (0.3 * Math.sin(2 * Math.PI * 440 * t) + 0.2 * Math.sin(2 * Math.PI * 659.3 * t)));
    }
    return y;
  }

  /** An AudioStream over an array, read in uneven chunks. */
  static final class ArrayStream implements AudioStream {
    private final float[] y;
    private final int sr;
    private int pos;

    ArrayStream(float[] y, int sr) {
      this.y = y;
      this.sr = sr;
    }

    @Override public int sampleRate() { return sr; }
    @Override public int channels() { return 1; }
    @Override public long declaredNumSamples() { return -1; }
    @Override public String format() { return "array"; }
    @Override public String source() { return "test-array"; }

    @Override
    public int read(float[] dst, int off, int len) {
      if (pos >= y.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, 1237), y.length - pos);
      System.arraycopy(y, pos, dst, off, n);
      pos += n;
      return n;
    }

    @Override public void close() {}
  }

  @Test
  void streamingEqualsInMemoryForAllFeatures() {
    int sr = 22050;
    float[] y = tones(sr * 4 + 123, sr);
    FeaturePipeline p = new FeaturePipeline(FeatureParams.defaults(), ALL);
    FeatureResult mem = p.compute(y, sr);
    AtomicInteger opens = new AtomicInteger();
    FeatureResult streamed = p.compute(() -> {
      opens.incrementAndGet();
      return new ArrayStream(y, sr);
    });
    assertEquals(1, opens.get(), "log-mel rows and the spectrogram output serve MFCC and chroma: one pass");
    assertEquals(mem.numFrames(), streamed.numFrames());
    assertEquals(mem.tuning(), streamed.tuning());
    for (Feature f : ALL) {
      assertArrayEquals(mem.get(f).data(), streamed.get(f).data(), f.featureName());
    }
    EnumSet<Feature> twoPass = EnumSet.of(Feature.MFCC, Feature.CHROMA);
    FeaturePipeline p2 = new FeaturePipeline(FeatureParams.defaults(), twoPass);
    opens.set(0);
    FeatureResult streamed2 = p2.compute(() -> {
      opens.incrementAndGet();
      return new ArrayStream(y, sr);
    });
    assertEquals(2, opens.get(), "pass 2 re-opens the source for MFCC and estimated tuning");
    FeatureResult mem3 = p2.compute(y, sr);
    for (Feature f : twoPass) {
      assertArrayEquals(mem3.get(f).data(), streamed2.get(f).data(), f.featureName());
    }
    FeatureParams fixed = FeatureParams.builder().tuning(0.1).build();
    FeaturePipeline q = new FeaturePipeline(fixed, ALL);
    FeatureResult once = q.compute(new ArrayStream(y, sr));
    FeatureResult mem2 = q.compute(y, sr);
    for (Feature f : ALL) {
      assertArrayEquals(mem2.get(f).data(), once.get(f).data(), f.featureName());
    }
  }

  /**
   * MFCC alone floors its kept dB rows as it reads them, the full set floors the log-mel output first: the same
   * values either way (to float32 rounding), on a clip whose quiet start and silent gap lie below the top_db floor
   * (and frames past a batch's end: the clip is not a whole number of batches).
   */
  @Test
  void mfccAlone_equalsTheMfccOfAllFeatures_withFramesBelowTheFloor() {
    int sr = 22050;
    float[] y = tones(sr * 3 + 1000, sr);
    java.util.Arrays.fill(y, sr, sr + sr / 2, 0f);
    FeatureResult all = new FeaturePipeline(FeatureParams.defaults(), ALL).compute(y, sr);
    FeatureResult alone = new FeaturePipeline(FeatureParams.defaults(), EnumSet.of(Feature.MFCC)).compute(y, sr);
    float[] logMel = all.get(Feature.LOG_MEL_SPECTROGRAM).data();
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : logMel) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assertEquals(max - 80f, min, 1e-3f, "the clip has log-mel values at the floor");
    // alone, power skips the square root (within an ulp of the full set's float(|X|)^2), so last bits may differ
    float[] expected = all.get(Feature.MFCC).data();
    float[] actual = alone.get(Feature.MFCC).data();
    float scale = 0f;
    for (float v : expected) {
      scale = Math.max(scale, Math.abs(v));
    }
    assertArrayEquals(expected, actual, 1e-6f * scale);
  }

  /**
   * A clip whose stream fails part-way (here a NaN sample, as a corrupt float WAV gives) leaves frames in the
   * pipeline's SIMD batch; the next clip on the same pipeline must not see them: executors reuse one pipeline per
   * thread, and a bad file must not change the features of the files after it.
   */
  @Test
  void aClipThatFailsMidStreamLeavesNothingForTheNext() {
    int sr = 22050;
    float[] good = tones(sr * 2 + 77, sr);
    float[] bad = tones(sr * 3, sr);
    // the NaN arrives in the stream's 4th chunk, after 3 x 1237 samples: frames are waiting in the batch then
    bad[3 * 1237 + 5] = Float.NaN;
    for (EnumSet<Feature> features : java.util.List.of(ALL, EnumSet.of(Feature.MFCC))) {
      FeaturePipeline fresh = new FeaturePipeline(FeatureParams.defaults(), features);
      FeatureResult expected = fresh.compute(good, sr);
      FeaturePipeline reused = new FeaturePipeline(FeatureParams.defaults(), features);
      assertThrows(InvalidParameterException.class, () -> reused.compute(() -> new ArrayStream(bad, sr)));
      FeatureResult streamed = reused.compute(() -> new ArrayStream(good, sr));
      FeatureResult inMemory = reused.compute(good, sr);
      for (FeatureResult actual : java.util.List.of(streamed, inMemory)) {
        assertEquals(expected.numFrames(), actual.numFrames());
        for (Feature f : features) {
          assertArrayEquals(expected.get(f).data(), actual.get(f).data(), f.featureName() + " after a failed clip");
        }
      }
    }
  }

  /**
   * A WAV vouches for its length, so a streamed clip's outputs are allocated once at their size: growing them from a
   * small start allocated about four times the output (and the kernel zeroed all those pages) for long files.
   */
  @Test
  void streamedWav_allocatesItsOutputsOnce(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    int sr = 22050;
    int n = 300 * sr;
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(44 + 2 * n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
        .putShort((short) 1).putShort((short) 1).putInt(sr).putInt(2 * sr).putShort((short) 2).putShort((short) 16)
        .put("data".getBytes()).putInt(2 * n);
    for (int i = 0; i < n; i++) {
      b.putShort((short) (8000 * Math.sin(2 * Math.PI * 440.0 * i / sr)));
    }
    Path wav = java.nio.file.Files.write(dir.resolve("five-minutes.wav"), b.array());
    FeaturePipeline p = new FeaturePipeline(FeatureParams.defaults(), EnumSet.of(Feature.SPECTROGRAM));
    p.compute(() -> AudioDecoders.open(wav)); // warm-up: kernels, buffers, class loading
    var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = bean.getCurrentThreadAllocatedBytes();
    FeatureResult r = p.compute(() -> AudioDecoders.open(wav));
    long allocated = bean.getCurrentThreadAllocatedBytes() - before;
    long output = 4L * r.get(Feature.SPECTROGRAM).data().length;
    assertEquals(1 + n / 512, r.numFrames());
    assertTrue(allocated < output + output / 4, "allocated " + allocated + " bytes for " + output + " of output");
  }

  /**
   * A sizing hint (a FLAC's count, believed up to two samples per byte of the file) sizes a streamed clip's outputs
   * once when it is right; when it is wrong the outputs grow or are trimmed, and the features are the same.
   */
  @Test
  void sizingHint_allocatesOnceWhenRight_andIsOnlyAHintWhenWrong() {
    int sr = 22050;
    int n = 60 * sr;
    float[] y = tones(n, sr);
    FeaturePipeline p = new FeaturePipeline(FeatureParams.defaults(), EnumSet.of(Feature.SPECTROGRAM));
    float[] expected = p.compute(y, sr).get(Feature.SPECTROGRAM).data();
    for (long hint : new long[] {n, 2L * n, n / 3, 1, -1}) {
      FeatureResult r = p.compute(() -> new HintedStream(new ArrayStream(y, sr), hint));
      assertArrayEquals(expected, r.get(Feature.SPECTROGRAM).data(), "sizing hint " + hint);
    }
    var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long before = bean.getCurrentThreadAllocatedBytes();
    p.compute(() -> new HintedStream(new ArrayStream(y, sr), n));
    long hinted = bean.getCurrentThreadAllocatedBytes() - before;
    before = bean.getCurrentThreadAllocatedBytes();
    p.compute(() -> new HintedStream(new ArrayStream(y, sr), -1));
    long unhinted = bean.getCurrentThreadAllocatedBytes() - before;
    long output = 4L * expected.length;
    assertTrue(hinted < output + output / 4, "allocated " + hinted + " bytes for " + output + " of output");
    assertTrue(unhinted > 2 * output, "without a hint the outputs grow: " + unhinted + " bytes");
  }

  /** A stream with a sizing hint of the test's choosing. */
  private static final class HintedStream extends ForwardingAudioStream {
    private final long hint;

    HintedStream(AudioStream delegate, long hint) {
      super(delegate);
      this.hint = hint;
    }

    @Override public long declaredNumSamples() { return hint; }
    @Override public long sizingNumSamples() { return hint; }
  }

  @Test
  void oneShotStreamRefusesEstimatedTuning() {
    FeaturePipeline p = new FeaturePipeline(FeatureParams.defaults(), EnumSet.of(Feature.CHROMA));
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> p.compute(new ArrayStream(new float[100], 22050)));
    assertEquals("tuning", e.parameter());
  }

  @Test
  void silenceAndShortClipEdgeCases() {
    FeaturePipeline p = new FeaturePipeline(FeatureParams.defaults(), ALL);
    FeatureResult silence = p.compute(new float[22050], 22050);
    for (float v : silence.get(Feature.LOG_MEL_SPECTROGRAM).data()) {
      assertEquals(-100f, v, 1e-4f);
    }
    for (float v : silence.get(Feature.CHROMA).data()) {
      assertEquals(0f, v);
    }
    assertEquals(0.0, silence.tuning());
    FeatureMatrix mfcc = silence.get(Feature.MFCC);
    assertEquals(-100 * Math.sqrt(128), mfcc.get(0, 0), 1e-2);
    assertEquals(0f, mfcc.get(0, 1), 1e-3f);
    assertEquals(2, p.compute(tones(1000, 22050), 22050).numFrames());
  }

  @Test
  void badInputGivesTypedErrors() {
    FeaturePipeline p = new FeaturePipeline(FeatureParams.defaults(), EnumSet.of(Feature.SPECTROGRAM));
    float[] y = new float[4096];
    y[17] = Float.NaN;
    InvalidParameterException nan = assertThrows(InvalidParameterException.class, () -> p.compute(y, 22050));
    assertTrue(nan.getMessage().contains("sample 17"), nan.getMessage());
    assertEquals("sample_rate",
        assertThrows(InvalidParameterException.class, () -> p.compute(new float[10], 0)).parameter());
    FeaturePipeline noCenter = new FeaturePipeline(FeatureParams.builder().center(false).build(),
        EnumSet.of(Feature.SPECTROGRAM));
    assertEquals("n_fft",
        assertThrows(InvalidParameterException.class, () -> noCenter.compute(new float[100], 22050)).parameter());
    assertEquals("fmax", assertThrows(InvalidParameterException.class, () -> new FeaturePipeline(
        FeatureParams.builder().fmax(9000.0).build(), EnumSet.of(Feature.MEL_SPECTROGRAM))
        .compute(new float[4096], 16000)).parameter());
  }

  @Test
  void operatorsMatchPipeline() throws IOException {
    Path dir = ReferenceData.dir();
    DecodedAudio wav = AudioDecoders.decode(dir.resolve("audio/triad_pluck_22050.wav"));
    FeatureResult all = new FeaturePipeline(FeatureParams.defaults().toBuilder().nMfcc(13).build(), ALL)
        .compute(wav.samples(), wav.sampleRate());
    assertArrayEquals(all.get(Feature.SPECTROGRAM).data(), new SpectrogramOperator().apply(wav.samples()).data());
    // MFCC alone skips |X| (power = re^2 + im^2, within a float32 ulp of float(|X|)^2)
    float[] mfccAll = all.get(Feature.MFCC).data();
    float[] mfccOne = new MfccOperator(13).apply(wav.samples()).data();
    assertEquals(mfccAll.length, mfccOne.length);
    for (int i = 0; i < mfccAll.length; i++) {
      assertEquals(mfccAll[i], mfccOne[i], 1e-3f, "mfcc value " + i);
    }
    assertArrayEquals(all.get(Feature.CHROMA).data(), new ChromaOperator().apply(wav.samples()).data());
  }

  @Test
  void decodedStreamTwoPassEqualsInMemoryOnReferenceFile() {
    Path file = ReferenceData.dir().resolve("audio/espeak_22050.wav");
    DecodedAudio wav = AudioDecoders.decode(file);
    FeaturePipeline p = new FeaturePipeline(FeatureParams.defaults(), EnumSet.of(Feature.MFCC, Feature.CHROMA));
    FeatureResult mem = p.compute(wav.samples(), wav.sampleRate());
    FeatureResult streamed = p.compute(() -> AudioDecoders.open(file));
    assertEquals(mem.tuning(), streamed.tuning());
    assertEquals(ReferenceData.manifestTuning(ReferenceData.dir(), "espeak_22050"), streamed.tuning(), 1e-9);
    assertArrayEquals(mem.get(Feature.MFCC).data(), streamed.get(Feature.MFCC).data());
    assertArrayEquals(mem.get(Feature.CHROMA).data(), streamed.get(Feature.CHROMA).data());
  }

  @Test
  void operatorsAreThreadSafe() throws Exception {
    float[] y = tones(22050 * 2, 22050);
    MfccOperator mfcc = new MfccOperator(13);
    ChromaOperator chroma = new ChromaOperator();
    float[] expectedMfcc = mfcc.apply(y).data();
    float[] expectedChroma = chroma.apply(y).data();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(pool.submit(() -> java.util.Arrays.equals(expectedMfcc, mfcc.apply(y).data())
            && java.util.Arrays.equals(expectedChroma, chroma.apply(y).data())));
      }
      for (java.util.concurrent.Future<Boolean> r : results) {
        assertTrue(r.get(), "concurrent operator result differs from the single-thread one");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void reflectPaddingAndLifterAndHtkRun() {
    FeatureParams params = FeatureParams.builder().padMode(FeatureParams.PadMode.REFLECT).lifter(22).htk(true)
        .melNorm(FeatureParams.MelNorm.NONE).nFft(1000).build();
    FeatureResult r = new FeaturePipeline(params, ALL).compute(tones(5000, 16000), 16000);
    assertEquals(1 + 5000 / 250, r.numFrames());
    for (float v : r.get(Feature.MFCC).data()) {
      assertTrue(Float.isFinite(v));
    }
  }
}

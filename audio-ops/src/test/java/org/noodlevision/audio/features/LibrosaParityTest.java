package org.noodlevision.audio.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.noodlevision.audio.dsp.SimdKernels;
import org.noodlevision.audio.io.AudioDecoders;
import org.noodlevision.audio.io.DecodedAudio;
import org.noodlevision.audio.io.NpyReader;

/**
 * Every array of the librosa 0.11 reference set against the pipeline, with issue 2's tolerances: spectrogram and mel
 * max abs diff <= 1e-5 x max|ref|, log-mel <= 2e-3 dB, MFCC and chroma <= 2e-5 x max|ref|. {@code f64_*} files are
 * compared with FLOAT64 precision, {@code g16k_*} with the 16 kHz set (n_fft 512, hop 160, win 400, 40 mels). Each
 * case runs on the SIMD kernels and on the scalar code.
 */
class LibrosaParityTest {
  /** Both code paths: SIMD kernels (when this JVM has them: see SimdKernelsTest) and scalar code. */
  private static final List<String> KERNELS = SimdKernels.available() == null ? List.of("scalar")
      : List.of("simd", "scalar");

  static Stream<Arguments> referenceFiles() throws IOException {
    Path dir = ReferenceData.dirOrNull();
    if (dir == null) {
      return Stream.of(Arguments.of("reference data missing", null, null, null));
    }
    List<Arguments> cases = new ArrayList<>();
    try (Stream<Path> stems = Files.list(dir.resolve("expected"))) {
      for (Path stem : (Iterable<Path>) stems.sorted()::iterator) {
        try (Stream<Path> files = Files.list(stem)) {
          for (Path f : (Iterable<Path>) files.sorted()::iterator) {
            String name = f.getFileName().toString();
            if (name.endsWith(".npy")) {
              String feature = name.substring(0, name.length() - 4);
              for (String kernels : KERNELS) {
                cases.add(Arguments.of(stem.getFileName() + "/" + feature + " [" + kernels + "]",
                    stem.getFileName().toString(), feature, kernels));
              }
            }
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("referenceFiles")
  void matchesLibrosa(String name, String stem, String refName, String kernels) throws IOException {
    Path dir = ReferenceData.dir();
    NpyReader.NpyArray ref = NpyReader.read(dir.resolve("expected").resolve(stem).resolve(refName + ".npy"));
    DecodedAudio wav = AudioDecoders.decode(dir.resolve("audio").resolve(stem + ".wav"));

    String f = refName;
    FeatureParams.Builder b = FeatureParams.builder();
    if (f.startsWith("f64_")) {
      b.precision(FeatureParams.Precision.FLOAT64);
      f = f.substring(4);
    }
    if (f.startsWith("g16k_")) {
      b.nFft(512).hopLength(160).winLength(400).nMels(40).nMfcc(13);
      f = f.substring(5);
    }
    Feature feature;
    double tolerance;
    boolean relative = true;
    switch (f) {
      case "stft_mag":
        feature = Feature.SPECTROGRAM;
        tolerance = 1e-5;
        break;
      case "mel":
        feature = Feature.MEL_SPECTROGRAM;
        tolerance = 1e-5;
        break;
      case "mel_db":
        feature = Feature.LOG_MEL_SPECTROGRAM;
        tolerance = 2e-3;
        relative = false;
        break;
      case "mfcc13":
        feature = Feature.MFCC;
        b.nMfcc(13);
        tolerance = 2e-5;
        break;
      case "mfcc20":
        feature = Feature.MFCC;
        b.nMfcc(20);
        tolerance = 2e-5;
        break;
      case "chroma_tuning0":
        feature = Feature.CHROMA;
        b.tuning(0.0);
        tolerance = 2e-5;
        break;
      case "chroma_tuning_est":
        feature = Feature.CHROMA;
        b.tuning(null);
        tolerance = 2e-5;
        break;
      default:
        throw new AssertionError("unknown reference array " + refName);
    }
    FeatureResult result;
    try (FeaturePipeline p = kernels.equals("simd") ? new FeaturePipeline(b.build(), EnumSet.of(feature))
        : FeaturePipeline.scalarOnly(b.build(), EnumSet.of(feature))) {
      result = p.compute(wav.samples(), wav.sampleRate());
    }
    FeatureMatrix m = result.get(feature);
    // librosa is (bins, frames); ours is time-major (frames, bins)
    assertArrayEquals(new int[] {ref.shape()[1], ref.shape()[0]}, new int[] {m.numFrames(), m.numBins()},
        "shape (frames, bins)");
    double maxRef = 0;
    double maxDiff = 0;
    for (int bin = 0; bin < ref.rows(); bin++) {
      for (int t = 0; t < ref.cols(); t++) {
        double r = ref.get(bin, t);
        maxRef = Math.max(maxRef, Math.abs(r));
        maxDiff = Math.max(maxDiff, Math.abs(m.get(t, bin) - r));
      }
    }
    double bound = relative ? tolerance * maxRef : tolerance;
    System.out.printf(Locale.ROOT, "parity %-45s maxdiff %.3e bound %.3e (%.4f of bound)%n", name, maxDiff, bound,
        bound == 0 ? 0 : maxDiff / bound);
    String msg = String.format(Locale.ROOT, "%s: max abs diff %.6g exceeds %.6g", name, maxDiff, bound);
    assertTrue(maxDiff <= bound, msg);
    if (f.equals("chroma_tuning_est")) {
      assertEquals(ReferenceData.manifestTuning(dir, stem), result.tuning(), 1e-9, "estimated tuning");
    }
  }
}

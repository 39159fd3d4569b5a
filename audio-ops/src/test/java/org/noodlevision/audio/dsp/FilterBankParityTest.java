package org.noodlevision.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.noodlevision.audio.io.NpyReader;

/** librosa's filters/*.npy (mel and chroma banks, Hann windows) against ours. */
class FilterBankParityTest {
  private static final Pattern MEL = Pattern.compile("mel_sr(\\d+)_nfft(\\d+)_nmels(\\d+)(_f64)?");
  private static final Pattern CHROMA = Pattern.compile("chroma_sr(\\d+)_nfft(\\d+)_tuning0(_f64)?");
  private static final Pattern HANN = Pattern.compile("hann_periodic_(\\d+)(?:_padded_(\\d+))?");

  static Stream<String> filterFiles() throws IOException {
    String p = System.getProperty("noodlevision.reference.dir");
    Path dir = p == null ? null : Paths.get(p, "filters");
    if (dir == null || !Files.isDirectory(dir)) {
      return Stream.of("reference data missing");
    }
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".npy")).sorted()
          .forEach(n -> names.add(n.substring(0, n.length() - 4)));
    }
    return names.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("filterFiles")
  void matchesLibrosa(String name) {
    String p = System.getProperty("noodlevision.reference.dir");
    assumeTrue(p != null && Files.isDirectory(Paths.get(p, "filters")), "librosa reference data not found");
    NpyReader.NpyArray ref = NpyReader.read(Paths.get(p, "filters", name + ".npy"));
    double[][] ours;
    Matcher m;
    if ((m = MEL.matcher(name)).matches()) {
      int sr = Integer.parseInt(m.group(1));
      ours = MelFilterBank.build(sr, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), 0.0, sr / 2.0,
          false, true, m.group(4) == null);
    } else if ((m = CHROMA.matcher(name)).matches()) {
      ours = ChromaFilterBank.build(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 0.0, 12,
          m.group(3) == null);
    } else if ((m = HANN.matcher(name)).matches()) {
      int win = Integer.parseInt(m.group(1));
      int nFft = m.group(2) == null ? win : Integer.parseInt(m.group(2));
      ours = new double[][] {Windows.hannPeriodicCentered(win, nFft)};
    } else {
      throw new AssertionError("unknown filter file " + name);
    }
    int rows = ref.shape().length == 1 ? 1 : ref.rows();
    int cols = ref.shape().length == 1 ? ref.shape()[0] : ref.cols();
    assertArrayEquals(new int[] {rows, cols}, new int[] {ours.length, ours[0].length}, "shape");
    double maxRef = 0;
    double maxDiff = 0;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        double v = ref.values()[r * cols + c];
        maxRef = Math.max(maxRef, Math.abs(v));
        double o = ref.float32() ? (float) ours[r][c] : ours[r][c];
        maxDiff = Math.max(maxDiff, Math.abs(v - o));
      }
    }
    System.out.printf(Locale.ROOT, "filter %-40s maxdiff/max %.3e%n", name, maxDiff / maxRef);
    double tol = ref.float32() ? 1.2e-7 : 1e-12; // one float32 ulp / float64 rounding
    assertTrue(maxDiff <= tol * maxRef, name + ": max abs diff " + maxDiff + " > " + tol + " x " + maxRef);
  }
}

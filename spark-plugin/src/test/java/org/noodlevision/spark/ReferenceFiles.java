package org.noodlevision.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.spark.sql.Row;
import org.noodlevision.audio.io.NpyReader;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** The librosa 0.11 reference data and the tolerances, for the Spark paths' parity tests. */
public final class ReferenceFiles {
  /** Tolerance kinds of the engine issue. */
  public enum Tolerance {
    /** spectrogram, mel: max abs diff <= 1e-5 x max|ref|. */
    RELATIVE_1E5,
    /** log-mel: max abs diff <= 2e-3 dB. */
    ABSOLUTE_2E3_DB,
    /** MFCC, chroma: max abs diff <= 2e-5 x max|ref|. */
    RELATIVE_2E5
  }

  private ReferenceFiles() {}

  /** The reference directory, or the test is skipped with the reason. */
  public static Path dir() {
    String p = System.getProperty("noodlevision.reference.dir");
    Path d = p == null ? null : Paths.get(p);
    assumeTrue(d != null && Files.isDirectory(d.resolve("audio")),
        "librosa reference data not found: set -Dnoodlevision.reference.dir to ../shared/reference/librosa-0.11.0 "
            + "(got " + p + ")");
    return d;
  }

  /** The file's stem: {@code a440_22050} for {@code .../a440_22050.wav}. */
  public static String stem(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return name.substring(0, name.lastIndexOf('.'));
  }

  /** Converts a Row's {@code array<array<float>>} value to {@code float[frame][bin]}. */
  public static float[][] matrix(Row row, String column) {
    Seq<Seq<Object>> frames = row.getAs(column);
    List<Seq<Object>> list = JavaConverters.seqAsJavaList(frames);
    float[][] out = new float[list.size()][];
    for (int t = 0; t < out.length; t++) {
      List<Object> bins = JavaConverters.seqAsJavaList(list.get(t));
      out[t] = new float[bins.size()];
      for (int b = 0; b < out[t].length; b++) {
        out[t][b] = (Float) bins.get(b);
      }
    }
    return out;
  }

  /**
   * Asserts {@code actual} (time-major) equals the reference {@code expected/<stem>/<name>.npy} (librosa's
   * (bins, frames) layout) within {@code tolerance}; returns the max abs diff.
   */
  public static double assertMatches(String stem, String name, float[][] actual, Tolerance tolerance) {
    NpyReader.NpyArray ref = NpyReader.read(dir().resolve("expected").resolve(stem).resolve(name + ".npy"));
    int bins = ref.rows();
    int frames = ref.cols();
    String what = stem + "/" + name;
    assertEquals(frames, actual.length, what + ": frames");
    double maxRef = 0;
    double maxDiff = 0;
    for (int t = 0; t < frames; t++) {
      assertEquals(bins, actual[t].length, what + ": bins of frame " + t);
      for (int b = 0; b < bins; b++) {
        double r = ref.get(b, t);
        maxRef = Math.max(maxRef, Math.abs(r));
        maxDiff = Math.max(maxDiff, Math.abs(actual[t][b] - r));
      }
    }
    double bound;
    switch (tolerance) {
      case RELATIVE_1E5: bound = 1e-5 * maxRef; break;
      case ABSOLUTE_2E3_DB: bound = 2e-3; break;
      default: bound = 2e-5 * maxRef; break;
    }
    if (maxRef == 0) {
      bound = Math.max(bound, 0.0);
    }
    assertTrue(maxDiff <= bound, what + ": max abs diff " + maxDiff + " > " + bound + " (max|ref| " + maxRef + ")");
    return maxDiff;
  }
}

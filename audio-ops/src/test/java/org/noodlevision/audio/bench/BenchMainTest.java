package org.noodlevision.audio.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.noodlevision.InvalidParameterException;

/** The bench entry point prints one JSON line with consistent figures; bad arguments give typed errors. */
class BenchMainTest {
  @Test
  void printsOneJsonLineForAReferenceFile() {
    String dir = System.getProperty("noodlevision.reference.dir");
    assumeTrue(dir != null && Files.isDirectory(Paths.get(dir)), "librosa reference data not found");
    Path wav = Paths.get(dir, "audio", "a440_22050.wav");
    String json = BenchMain.run(new String[] {"--input", wav.toString(), "--features", "mfcc,chroma",
        "--repeat", "3", "--warmup", "1"});
    assertTrue(json.startsWith("{\"features\": [\"mfcc\", \"chroma\"], \"audio_seconds\": 3.000, "), json);
    assertEquals(-1, json.indexOf('\n'));
    double median = number(json, "median_seconds");
    assertTrue(median > 0, json);
    assertEquals(median * 3600 / 3.0, number(json, "seconds_per_audio_hour"), 1e-3 * (1 + median * 1200), json);
    assertEquals(3.0 / median, number(json, "x_realtime"), 0.1 + 1e-3 * 3.0 / median, json);
    String kernels = org.noodlevision.audio.dsp.SimdKernels.available() == null ? "scalar" : "simd";
    assertTrue(json.contains("\"kernels\": \"" + kernels + "\""), json);
  }

  @Test
  void rejectsBadArguments() {
    assertEquals("--repeat", assertThrows(InvalidParameterException.class,
        () -> BenchMain.run(new String[] {"--synthetic-seconds", "1", "--repeat", "0"})).parameter());
    assertEquals("--input", assertThrows(InvalidParameterException.class,
        () -> BenchMain.run(new String[] {"--repeat", "2"})).parameter());
    assertEquals("features", assertThrows(InvalidParameterException.class,
        () -> BenchMain.run(new String[] {"--synthetic-seconds", "1", "--features", "mfcc,nope"})).parameter());
  }

  private static double number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\": ([0-9.eE+-]+)").matcher(json);
    assertTrue(m.find(), key + " missing in " + json);
    return Double.parseDouble(m.group(1));
  }
}

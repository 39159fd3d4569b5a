package org.noodlevision.audio.features;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Locates the librosa 0.11 reference data (system property {@code noodlevision.reference.dir}). */
final class ReferenceData {
  private ReferenceData() {}

  /** The reference directory, or null when it is not there. */
  static Path dirOrNull() {
    String p = System.getProperty("noodlevision.reference.dir");
    if (p == null) {
      return null;
    }
    Path d = Paths.get(p);
    return Files.isDirectory(d.resolve("expected")) ? d : null;
  }

  /** The reference directory; skips the test when missing. */
  static Path dir() {
    Path d = dirOrNull();
    assumeTrue(d != null, "librosa reference data not found: set -Dnoodlevision.reference.dir to "
        + "shared/reference/librosa-0.11.0");
    return d;
  }

  /** The tuning librosa estimated inside chroma_stft for {@code stem} (manifest: tuning.chroma_internal.value). */
  static double manifestTuning(Path dir, String stem) {
    String json;
    try {
      json = Files.readString(dir.resolve("manifest.json"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    int at = json.indexOf("\"stem\": \"" + stem + "\"");
    if (at < 0) {
      throw new IllegalStateException("stem " + stem + " not in manifest");
    }
    int tuning = json.indexOf("\"chroma_internal\"", at);
    Matcher m = Pattern.compile("\"value\":\\s*(-?[0-9.eE+-]+)").matcher(json);
    if (tuning < 0 || !m.find(tuning)) {
      throw new IllegalStateException("no chroma_internal tuning for " + stem);
    }
    return Double.parseDouble(m.group(1));
  }
}

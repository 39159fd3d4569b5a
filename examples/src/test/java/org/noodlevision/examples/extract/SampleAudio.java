package org.noodlevision.examples.extract;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;

/** The bundled sample audio (examples/audio), copied into a test folder with one broken file added. */
final class SampleAudio {
  /** Name of the deliberately broken file. */
  static final String BROKEN = "broken.wav";

  private SampleAudio() {}

  /** The project root (surefire sets {@code noodlevision.project.dir}; else the module's parent). */
  static Path projectDir() {
    String dir = System.getProperty("noodlevision.project.dir");
    return dir != null ? Paths.get(dir) : Paths.get("").toAbsolutePath().getParent();
  }

  static Path bundledDir() {
    Path dir = projectDir().resolve("examples/audio");
    assertTrue(Files.isDirectory(dir), "bundled sample audio missing: " + dir);
    return dir;
  }

  /** Copies the bundled audio into {@code target} and adds {@link #BROKEN} (a RIFF header with no WAVE data). */
  static List<Path> copyWithBrokenFile(Path target) throws IOException {
    Path source = bundledDir();
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path dst = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dst);
        } else {
          Files.copy(p, dst);
        }
      }
    }
    Files.write(target.resolve(BROKEN), "RIFF\u0010\u0000\u0000\u0000WAVEjunk".getBytes(StandardCharsets.ISO_8859_1));
    try (Stream<Path> walk = Files.walk(target)) {
      return walk.filter(p -> ExtractInputs.isAudioName(p.getFileName().toString())).sorted().toList();
    }
  }
}

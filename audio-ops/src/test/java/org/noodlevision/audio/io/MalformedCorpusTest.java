package org.noodlevision.audio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Every file of the malformed corpus (resources/malformed, listed with its expected message in cases.tsv) fails with
 * an {@link AudioDecodeException} naming the file and saying what is wrong, through all three entry points.
 */
class MalformedCorpusTest {
  private static Path corpusDir() throws URISyntaxException {
    URL url = MalformedCorpusTest.class.getResource("/malformed/cases.tsv");
    assertNotNull(url, "malformed corpus missing from the test classpath");
    return Path.of(url.toURI()).getParent();
  }

  static List<String[]> cases() throws IOException, URISyntaxException {
    List<String[]> cases = new ArrayList<>();
    for (String line : Files.readAllLines(corpusDir().resolve("cases.tsv"), StandardCharsets.UTF_8)) {
      if (!line.startsWith("#") && !line.isBlank()) {
        cases.add(line.split("\t"));
      }
    }
    return cases;
  }

  @Test
  void everyCorpusFile_isListedWithItsExpectedError() throws IOException, URISyntaxException {
    Set<String> listed = new TreeSet<>();
    cases().forEach(c -> listed.add(c[0]));
    Set<String> present = new TreeSet<>();
    try (Stream<Path> files = Files.list(corpusDir())) {
      files.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals("cases.tsv") && !n.endsWith(".py") && !n.endsWith(".md"))
          .forEach(present::add);
    }
    assertEquals(listed, present);
    assertTrue(listed.size() >= 40, "corpus has " + listed.size() + " cases");
  }

  @Test
  void everyCorpusFile_failsWithTypedErrorNamingFileAndProblem() throws IOException, URISyntaxException {
    Path dir = corpusDir();
    for (String[] c : cases()) {
      String name = c[0];
      String fragment = c[1];
      Path file = dir.resolve(name);
      byte[] bytes = Files.readAllBytes(file);
      check(name, fragment, file.toString(), () -> AudioDecoders.decode(file));
      check(name, fragment, name, () -> AudioDecoders.decode(bytes, name));
      check(name, fragment, name, () -> {
        try (AudioStream s = AudioDecoders.open(bytes, name)) {
          float[] buf = new float[1000];
          while (s.read(buf, 0, buf.length) >= 0) {
            // drain
          }
        }
      });
    }
  }

  private static void check(String name, String fragment, String source, Executable decode) {
    AudioDecodeException e = assertThrows(AudioDecodeException.class, decode, name + " decoded without error");
    assertEquals(source, e.source(), name);
    assertTrue(e.getMessage().contains(source), name + ": message does not name the file: " + e.getMessage());
    assertTrue(e.getMessage().contains(fragment),
        name + ": expected '" + fragment + "' in: " + e.getMessage());
  }
}

package org.noodlevision.spark.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noodlevision.InvalidParameterException;

/**
 * The source's file listing on a real local Hadoop file system: option {@code extensions} inside directories and
 * among glob matches but not for literal files, backslash-escaped glob characters, each file listed once.
 */
class AudioFileListerTest {
  @TempDir Path dir;

  private List<String> names(AudioFileLister lister, String... paths) {
    return lister.list(List.of(paths)).stream().map(e -> e.path().substring(e.path().lastIndexOf('/') + 1))
        .sorted().toList();
  }

  private Path touch(String name) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.write(p, new byte[] {1, 2, 3});
  }

  @Test
  void extensions_filterDirectoriesAndGlobs_notLiteralFiles() throws IOException {
    touch("a.wav");
    touch("B.FLAC");
    touch("notes.txt");
    touch("sub/c.Wav");
    touch("sub/cover.jpg");
    touch(".hidden.wav");
    AudioFileLister lister = new AudioFileLister(new Configuration(), true, null, Set.of("wav", "flac"));
    assertEquals(List.of("B.FLAC", "a.wav", "c.Wav"), names(lister, dir.toString()));
    assertEquals(List.of("a.wav"), names(lister, dir + "/*.*a*"), "a glob's matches are filtered too");
    assertEquals(List.of("notes.txt"), names(lister, dir.resolve("notes.txt").toString()),
        "a file named literally is read whatever its name");
    AudioFileLister all = new AudioFileLister(new Configuration(), false, null, null);
    assertEquals(List.of("B.FLAC", "a.wav", "notes.txt"), names(all, dir.toString()), "no option: every file");
  }

  @Test
  void escapedGlobCharacters_nameTheFileLiterally() throws IOException {
    touch("take[1].wav");
    touch("take1.wav");
    touch("odd{a,b}*?.wav");
    AudioFileLister lister = new AudioFileLister(new Configuration(), false, null, Set.of("wav"));
    assertEquals(List.of("take[1].wav"), names(lister, dir + "/take\\[1\\].wav"));
    assertEquals(List.of("take1.wav"), names(lister, dir + "/take[1].wav"), "unescaped, [1] is a character class");
    assertEquals(List.of("odd{a,b}*?.wav"), names(lister, dir + "/odd\\{a,b\\}\\*\\?.wav"));
  }

  @Test
  void aFileReachedTwice_isListedOnce() throws IOException {
    Path a = touch("a.wav");
    AudioFileLister lister = new AudioFileLister(new Configuration(), false, null, null);
    assertEquals(List.of("a.wav"), names(lister, dir.toString(), a.toString(), "file:" + a));
  }

  @Test
  void badExtensionsOption_isNamed() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> AudioReadOptions.parseExtensions("wav,,flac"));
    assertTrue(e.getMessage().contains("extensions"), e.getMessage());
    assertEquals(Set.of("wav", "flac"), AudioReadOptions.parseExtensions(" .WAV, flac "));
  }
}

package org.noodlevision.examples.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.noodlevision.InvalidParameterException;

/**
 * Lists the audio files of {@code --input} paths: a file is taken as given (whatever its extension, so a bad file
 * named on purpose gets its error row); a directory is searched recursively for {@code .wav} and {@code .flac}
 * (case-insensitive). Paths are absolute and normalised, each listed once, directories in sorted order.
 */
public final class AudioFileFinder {
  private AudioFileFinder() {}

  /**
   * Lists the files.
   *
   * @throws InvalidParameterException when an input does not exist or a directory holds no audio file
   */
  public static List<String> find(List<String> inputs) {
    Set<String> files = new LinkedHashSet<>();
    for (String input : inputs) {
      Path path = Paths.get(input).toAbsolutePath().normalize();
      if (Files.isDirectory(path)) {
        List<String> found = listAudio(path);
        if (found.isEmpty()) {
          throw new InvalidParameterException("--input", input, "a directory holding .wav or .flac files "
              + "(none found under " + path + ")");
        }
        files.addAll(found);
      } else if (Files.isRegularFile(path)) {
        files.add(path.toString());
      } else {
        throw new InvalidParameterException("--input", input, "an existing audio file or directory");
      }
    }
    return new ArrayList<>(files);
  }

  /** True for names ending in .wav or .flac, in any case. */
  public static boolean isAudioName(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    return n.endsWith(".wav") || n.endsWith(".flac");
  }

  private static List<String> listAudio(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> isAudioName(p.getFileName().toString()))
          .map(Path::toString)
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new InvalidParameterException("--input", dir, "a readable directory (" + e.getMessage() + ")");
    }
  }
}

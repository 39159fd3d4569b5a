package org.noodlevision.examples.extract;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.noodlevision.InvalidParameterException;

/**
 * Turns {@code extract}'s {@code --input} paths into the paths it hands to the {@code audio} source, checking them
 * on the driver before Spark starts, through Hadoop's FileSystem (local paths, {@code hdfs:}, {@code s3a:}, ...):
 * <ul>
 *   <li>an input that exists as written is taken literally: its glob characters ({@code [ ] { } * ? \}) are escaped
 *       with a backslash for the source, so {@code take[1].wav} is that file;</li>
 *   <li>otherwise the input is a Hadoop glob; one that matches nothing is refused as a missing input;</li>
 *   <li>inside directories (searched recursively) and among a glob's matches only {@code .wav} and {@code .flac}
 *       files (any case) are read, as the source's option {@code extensions=}{@value #AUDIO_EXTENSIONS} keeps them,
 *       and an input that reaches none is refused; hidden names ({@code .} or {@code _}) are skipped there, as the
 *       source skips them. A file named literally is read whatever its extension, so a bad file named on purpose gets
 *       its error row.</li>
 * </ul>
 * Paths without a scheme are resolved against the default file system and working directory.
 */
public final class ExtractInputs {
  /** The source's option {@code extensions} for extract: the files read inside directories and among glob matches. */
  public static final String AUDIO_EXTENSIONS = "wav,flac";
  private static final String GLOB_CHARACTERS = "\\[]{}*?";
  private static final String SPARK_HADOOP_PREFIX = "spark.hadoop.";
  /** The classpath's {@code *-site.xml} settings, parsed once per JVM and copied for each plan. */
  private static Configuration defaults;

  private ExtractInputs() {}

  /**
   * The source paths of {@code inputs}, each qualified (e.g. {@code file:/data/a.wav}) and listed once.
   *
   * @throws InvalidParameterException naming {@code --input} when an input does not exist, is not a valid path, or
   *     reaches no audio file
   */
  public static List<String> resolve(List<String> inputs, Configuration conf) {
    Set<String> out = new LinkedHashSet<>();
    for (String input : inputs) {
      out.add(resolve(input, conf));
    }
    return new ArrayList<>(out);
  }

  private static String resolve(String input, Configuration conf) {
    Path qualified;
    FileSystem fs;
    try {
      Path path = new Path(input);
      fs = path.getFileSystem(conf);
      qualified = fs.makeQualified(path);
    } catch (IllegalArgumentException | IOException e) {
      throw new InvalidParameterException("--input", input, "a file, directory or glob path (" + e.getMessage() + ")");
    }
    try {
      FileStatus literal = statusOrNull(fs, qualified);
      if (literal != null) {
        if (literal.isDirectory() && !holdsAudio(fs, literal.getPath())) {
          throw new InvalidParameterException("--input", input, "a directory holding .wav or .flac files "
              + "(none found under " + qualified + ")");
        }
        return escapeGlob(qualified.toString());
      }
      FileStatus[] matched = fs.globStatus(qualified);
      if (matched == null || matched.length == 0) {
        throw new InvalidParameterException("--input", input, "an existing audio file or directory, or a glob "
            + "matching some (nothing exists at " + qualified + ")");
      }
      for (FileStatus status : matched) {
        if (!isHidden(status.getPath().getName())
            && (status.isDirectory() ? holdsAudio(fs, status.getPath()) : isAudioName(status.getPath().getName()))) {
          return qualified.toString();
        }
      }
      throw new InvalidParameterException("--input", input, "a glob matching .wav or .flac files or directories "
          + "holding some (none found through " + qualified + ")");
    } catch (IOException e) {
      throw new InvalidParameterException("--input", input, "a readable path (" + e + ")");
    }
  }

  /** True when {@code dir} or one of its sub-directories holds a non-hidden .wav or .flac file; stops at the first. */
  private static boolean holdsAudio(FileSystem fs, Path dir) throws IOException {
    for (FileStatus status : fs.listStatus(dir)) {
      String name = status.getPath().getName();
      if (isHidden(name)) {
        continue;
      }
      if (status.isDirectory() ? holdsAudio(fs, status.getPath()) : isAudioName(name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isHidden(String name) {
    return name.startsWith(".") || name.startsWith("_");
  }

  private static FileStatus statusOrNull(FileSystem fs, Path path) throws IOException {
    try {
      return fs.getFileStatus(path);
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  private static synchronized Configuration defaults() {
    if (defaults == null) {
      Configuration loaded = new Configuration();
      loaded.size(); // parse the default resources now, so each copy clones them instead of parsing again
      defaults = loaded;
    }
    return defaults;
  }

  /** True for names ending in .wav or .flac, in any case. */
  public static boolean isAudioName(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    return n.endsWith(".wav") || n.endsWith(".flac");
  }

  /** {@code path} with a backslash before each Hadoop glob character, so a glob matches exactly that path. */
  static String escapeGlob(String path) {
    StringBuilder b = new StringBuilder(path.length() + 8);
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (GLOB_CHARACTERS.indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  /**
   * The Hadoop configuration the inputs are checked with before the session exists: the {@code *-site.xml} files on
   * the classpath plus the {@code spark.hadoop.*} settings of the JVM's system properties (spark-submit's
   * {@code --conf}) and of {@code sparkConf} (extract's {@code --conf}), as Spark builds its own.
   */
  public static Configuration hadoopConf(Map<String, String> sparkConf) {
    Configuration conf = new Configuration(defaults());
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith(SPARK_HADOOP_PREFIX)) {
        conf.set(key.substring(SPARK_HADOOP_PREFIX.length()), System.getProperty(key));
      }
    }
    sparkConf.forEach((key, value) -> {
      if (key.startsWith(SPARK_HADOOP_PREFIX)) {
        conf.set(key.substring(SPARK_HADOOP_PREFIX.length()), value);
      }
    });
    return conf;
  }
}

package org.noodlevision.spark.source;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.GlobFilter;
import org.apache.hadoop.fs.Path;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.NoodleVisionException;

/**
 * Lists the input files on the driver through Hadoop's FileSystem (local, HDFS, S3, ...). A directory gives its
 * files (and, with {@code recursiveFileLookup}, those of its sub-directories); hidden files ({@code .} or {@code _})
 * are skipped, there and among a glob's matches; {@code pathGlobFilter} keeps the files whose name matches. Paths may
 * be globs (a backslash escapes a glob character). Option {@code extensions} keeps, among the files found in directories or matched by a glob, those
 * with one of its extensions; a file named literally is kept whatever its name. Each file is listed once, even when
 * several paths reach it.
 */
final class AudioFileLister {
  private final Configuration hadoopConf;
  private final boolean recursive;
  private final GlobFilter nameFilter;
  private final Set<String> extensions;

  AudioFileLister(Configuration hadoopConf, boolean recursive, String pathGlobFilter, Set<String> extensions) {
    this.hadoopConf = hadoopConf;
    this.recursive = recursive;
    this.extensions = extensions;
    try {
      this.nameFilter = pathGlobFilter == null ? null : new GlobFilter(pathGlobFilter);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidParameterException("pathGlobFilter", pathGlobFilter, "a Hadoop glob pattern such as *.wav");
    }
  }

  List<AudioFileEntry> list(List<String> paths) {
    List<AudioFileEntry> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String p : paths) {
      Path path = new Path(p);
      try {
        FileSystem fs = path.getFileSystem(hadoopConf);
        FileStatus[] matched = fs.globStatus(path);
        if (matched == null || matched.length == 0) {
          throw new NoodleVisionException("Audio input path '" + p + "' does not exist: give an existing file, "
              + "directory or glob to spark.read().format(\"audio\").load(...)");
        }
        boolean literal = !new GlobFilter(path.toUri().getPath()).hasPattern();
        for (FileStatus status : matched) {
          if (!literal && isHidden(status.getPath())) {
            continue;
          }
          if (status.isDirectory()) {
            listDirectory(fs, status.getPath(), out, seen);
          } else {
            addFile(status, literal, out, seen);
          }
        }
      } catch (FileNotFoundException e) {
        throw new NoodleVisionException("Audio input path '" + p + "' does not exist: " + e.getMessage(), e);
      } catch (IOException e) {
        throw new NoodleVisionException("Cannot list audio input path '" + p + "': " + e, e);
      }
    }
    return out;
  }

  private void listDirectory(FileSystem fs, Path dir, List<AudioFileEntry> out, Set<String> seen)
      throws IOException {
    for (FileStatus status : fs.listStatus(dir)) {
      if (isHidden(status.getPath())) {
        continue;
      }
      if (status.isDirectory()) {
        if (recursive) {
          listDirectory(fs, status.getPath(), out, seen);
        }
      } else {
        addFile(status, false, out, seen);
      }
    }
  }

  private void addFile(FileStatus status, boolean namedLiterally, List<AudioFileEntry> out, Set<String> seen) {
    if (nameFilter != null && !nameFilter.accept(status.getPath())) {
      return;
    }
    if (!namedLiterally && !hasListedExtension(status.getPath().getName())) {
      return;
    }
    String path = status.getPath().toString();
    if (seen.add(path)) {
      out.add(new AudioFileEntry(path, status.getLen()));
    }
  }

  private boolean hasListedExtension(String name) {
    if (extensions == null) {
      return true;
    }
    int dot = name.lastIndexOf('.');
    return dot >= 0 && extensions.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  private static boolean isHidden(Path path) {
    String name = path.getName();
    return name.startsWith(".") || name.startsWith("_");
  }
}

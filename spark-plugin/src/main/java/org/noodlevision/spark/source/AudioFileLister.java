package org.noodlevision.spark.source;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
 * are skipped; {@code pathGlobFilter} keeps the files whose name matches. Paths may be globs.
 */
final class AudioFileLister {
  private final Configuration hadoopConf;
  private final boolean recursive;
  private final GlobFilter nameFilter;

  AudioFileLister(Configuration hadoopConf, boolean recursive, String pathGlobFilter) {
    this.hadoopConf = hadoopConf;
    this.recursive = recursive;
    try {
      this.nameFilter = pathGlobFilter == null ? null : new GlobFilter(pathGlobFilter);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidParameterException("pathGlobFilter", pathGlobFilter, "a Hadoop glob pattern such as *.wav");
    }
  }

  List<AudioFileEntry> list(List<String> paths) {
    List<AudioFileEntry> out = new ArrayList<>();
    for (String p : paths) {
      Path path = new Path(p);
      try {
        FileSystem fs = path.getFileSystem(hadoopConf);
        FileStatus[] matched = fs.globStatus(path);
        if (matched == null || matched.length == 0) {
          throw new NoodleVisionException("Audio input path '" + p + "' does not exist: give an existing file, "
              + "directory or glob to spark.read().format(\"audio\").load(...)");
        }
        for (FileStatus status : matched) {
          if (status.isDirectory()) {
            listDirectory(fs, status.getPath(), out);
          } else {
            addFile(status, out);
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

  private void listDirectory(FileSystem fs, Path dir, List<AudioFileEntry> out) throws IOException {
    for (FileStatus status : fs.listStatus(dir)) {
      if (isHidden(status.getPath())) {
        continue;
      }
      if (status.isDirectory()) {
        if (recursive) {
          listDirectory(fs, status.getPath(), out);
        }
      } else {
        addFile(status, out);
      }
    }
  }

  private void addFile(FileStatus status, List<AudioFileEntry> out) {
    if (nameFilter == null || nameFilter.accept(status.getPath())) {
      out.add(new AudioFileEntry(status.getPath().toString(), status.getLen()));
    }
  }

  private static boolean isHidden(Path path) {
    String name = path.getName();
    return name.startsWith(".") || name.startsWith("_");
  }
}

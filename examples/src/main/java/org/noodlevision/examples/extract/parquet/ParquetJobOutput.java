package org.noodlevision.examples.extract.parquet;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.noodlevision.InvalidParameterException;

/**
 * The commit protocol of the native writer, through Hadoop's FileSystem API (local, hdfs://, s3a://): each task
 * attempt writes {@code OUTPUT/_temporary/JOB/attempt-P-A.parquet}; after the job, the driver moves the files of the
 * successful attempts (the ones {@code collect} returned) to {@code OUTPUT/part-NNNNN-JOB-c000[.codec].parquet},
 * deletes {@code _temporary} and writes {@code _SUCCESS}. A failed job deletes {@code _temporary}: no part file, no
 * {@code _SUCCESS}. Serializable: the tasks need the output path and the job id.
 */
public final class ParquetJobOutput implements Serializable {
  private static final long serialVersionUID = 1L;
  static final String TEMPORARY = "_temporary";
  static final String SUCCESS = "_SUCCESS";

  private final String output;
  private final String jobId;

  private ParquetJobOutput(String output, String jobId) {
    this.output = output;
    this.jobId = jobId;
  }

  /**
   * Prepares {@code output} for a new job: deletes it first when {@code replace} (Spark's SaveMode.Overwrite),
   * else refuses an existing path (ErrorIfExists) unless it is an empty directory.
   *
   * @throws InvalidParameterException naming {@code --output} when it exists and may not be replaced
   */
  public static ParquetJobOutput prepare(String output, boolean replace, Configuration conf) {
    Path dir = new Path(output);
    try {
      FileSystem fs = dir.getFileSystem(conf);
      if (fs.exists(dir)) {
        if (replace) {
          if (!fs.delete(dir, true) && fs.exists(dir)) {
            throw new IOException("could not delete " + dir);
          }
        } else if (!fs.getFileStatus(dir).isDirectory() || fs.listStatus(dir).length > 0) {
          throw new InvalidParameterException("--output", output,
              "a path that does not exist; add --overwrite to replace it");
        }
      }
      mkdirs(fs, dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the output " + output + ": " + e.getMessage(), e);
    }
    return new ParquetJobOutput(output, UUID.randomUUID().toString());
  }

  /** The job's id, in its part files' names. */
  public String jobId() {
    return jobId;
  }

  /** The file of one task attempt (unique per attempt). */
  public Path attemptFile(int partition, long taskAttemptId) {
    return new Path(new Path(new Path(output, TEMPORARY), jobId),
        String.format(Locale.ROOT, "attempt-%05d-%d.parquet", partition, taskAttemptId));
  }

  /** The committed name of a partition's file. */
  public Path partFile(int partition, String codecExtension) {
    return new Path(output, String.format(Locale.ROOT, "part-%05d-%s-c000%s.parquet", partition, jobId,
        codecExtension));
  }

  /**
   * Moves the attempts' files into the output, deletes {@code _temporary} and writes {@code _SUCCESS}.
   *
   * @return the committed files
   */
  public List<Path> commit(List<TaskFile> files, String codecExtension, Configuration conf) throws IOException {
    Path dir = new Path(output);
    FileSystem fs = dir.getFileSystem(conf);
    List<TaskFile> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparingInt(TaskFile::partition));
    List<Path> committed = new ArrayList<>();
    for (TaskFile f : sorted) {
      Path target = partFile(f.partition(), codecExtension);
      if (!fs.rename(new Path(f.path()), target)) {
        throw new IOException("could not move " + f.path() + " to " + target);
      }
      committed.add(target);
    }
    fs.delete(new Path(dir, TEMPORARY), true);
    createEmpty(fs, new Path(dir, SUCCESS));
    return committed;
  }

  /*
   * Hadoop's local file system, without Hadoop's native library, runs a chmod child process for every directory it
   * makes and every file it creates (and writes a .crc beside the file): ~3 forks of the driver's JVM per job, as
   * perf showed. Local paths are made with java.nio instead, as the task files are (LocalPositionOutputStream).
   */
  private static void mkdirs(FileSystem fs, Path dir) throws IOException {
    if (fs instanceof LocalFileSystem local) {
      Files.createDirectories(local.pathToFile(dir).toPath());
    } else {
      fs.mkdirs(dir);
    }
  }

  private static void createEmpty(FileSystem fs, Path file) throws IOException {
    if (fs instanceof LocalFileSystem local) {
      Files.newOutputStream(local.pathToFile(file).toPath(), StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE).close();
    } else {
      fs.create(file, true).close();
    }
  }

  /**
   * After a failed attempt deleted its file: deletes the job's temporary folders if no other attempt's file is in
   * them, so an attempt killed after the driver gave up the job (and deleted them) leaves nothing behind.
   */
  public void removeEmptyTemporary(Configuration conf) {
    Path jobDir = new Path(new Path(new Path(output), TEMPORARY), jobId);
    for (Path dir : List.of(jobDir, jobDir.getParent())) {
      try {
        FileSystem fs = dir.getFileSystem(conf);
        if (fs.exists(dir) && fs.listStatus(dir).length == 0) {
          fs.delete(dir, false);
        }
      } catch (IOException e) {
        return; // another attempt's file is there, or the folder is gone already
      }
    }
  }

  /** Deletes {@code _temporary} after a failed job (best effort: the job's own failure is what gets reported). */
  public void abort(Configuration conf) {
    Path tmp = new Path(new Path(output), TEMPORARY);
    try {
      tmp.getFileSystem(conf).delete(tmp, true);
    } catch (IOException | RuntimeException e) {
      // the job's failure is reported; a leftover _temporary has no _SUCCESS and no part files
    }
  }
}

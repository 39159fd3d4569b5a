package org.noodlevision.examples.extract.parquet;

import java.io.Closeable;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * A Parquet {@link OutputFile} on any Hadoop file system (file://, hdfs://, s3a://) that keeps hold of its stream,
 * so a failed write can close it and delete the partial file. No row group padding (block size unsupported). Files of
 * Hadoop's local file system are written with java.nio ({@link LocalPositionOutputStream}: no {@code .crc} side file,
 * no {@code chmod} child process per file).
 */
final class HadoopFileOutput implements OutputFile {
  private final Path path;
  private final FileSystem fs;
  private Closeable closeable;

  HadoopFileOutput(Path path, Configuration conf) throws IOException {
    this.path = path;
    this.fs = path.getFileSystem(conf);
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) throws IOException {
    return open(false);
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
    return open(true);
  }

  private PositionOutputStream open(boolean overwrite) throws IOException {
    if (fs instanceof LocalFileSystem local) {
      LocalPositionOutputStream out = LocalPositionOutputStream.create(local.pathToFile(path).toPath(), overwrite);
      closeable = out;
      return out;
    }
    FSDataOutputStream stream = fs.create(path, overwrite);
    closeable = stream;
    return HadoopStreams.wrap(stream);
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  @Override
  public String getPath() {
    return path.toString();
  }

  /** Closes the stream (if open) and deletes the file, keeping the first failure of the two. */
  void discard() throws IOException {
    IOException failure = null;
    if (closeable != null) {
      try {
        closeable.close();
      } catch (IOException e) {
        failure = e;
      }
    }
    try {
      fs.delete(path, false);
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}

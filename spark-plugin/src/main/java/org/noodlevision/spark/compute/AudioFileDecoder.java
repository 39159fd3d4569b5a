package org.noodlevision.spark.compute;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Paths;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.noodlevision.audio.io.AudioDecodeException;
import org.noodlevision.audio.io.AudioDecoders;
import org.noodlevision.audio.io.DecodedAudio;

/**
 * Decodes audio for the Spark paths (the {@code audio} data source and {@code binaryFile} content): the one place
 * where executors decode, next to {@link AudioFeatureComputer}. Local files go to the engine's file decoder; other
 * file systems (HDFS, S3, ...) are read through Hadoop into memory first.
 */
public final class AudioFileDecoder {
  /** Largest file read into memory from a non-local file system. */
  static final long MAX_IN_MEMORY_BYTES = Integer.MAX_VALUE - 16L;

  private AudioFileDecoder() {}

  /**
   * Decodes the file at {@code path} (a Hadoop path string or URI).
   *
   * @throws AudioDecodeException when the file cannot be read or decoded; its message names the file
   */
  public static DecodedAudio decodeFile(String path, Configuration hadoopConf) {
    Path hadoopPath = new Path(path);
    URI uri = hadoopPath.toUri();
    if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
      return AudioDecoders.decode(Paths.get(uri.getScheme() == null ? new Path("file", null, uri.getPath()).toUri()
          : uri));
    }
    try {
      FileSystem fs = hadoopPath.getFileSystem(hadoopConf);
      FileStatus status = fs.getFileStatus(hadoopPath);
      if (status.getLen() > MAX_IN_MEMORY_BYTES) {
        throw new AudioDecodeException(path, "the file has " + status.getLen() + " bytes; files on " + uri.getScheme()
            + " are read into memory and may have at most " + MAX_IN_MEMORY_BYTES + " bytes (copy it locally)");
      }
      byte[] content = new byte[(int) status.getLen()];
      try (InputStream in = fs.open(hadoopPath)) {
        int off = 0;
        while (off < content.length) {
          int n = in.read(content, off, content.length - off);
          if (n < 0) {
            throw new AudioDecodeException(path, "the file ended after " + off + " of " + content.length + " bytes");
          }
          off += n;
        }
      }
      return AudioDecoders.decode(content, path);
    } catch (IOException e) {
      throw new AudioDecodeException(path, "cannot read the file: " + e, e);
    }
  }

  /** Decodes in-memory bytes (Spark's {@code binaryFile} {@code content}); {@code source} names them in errors. */
  public static DecodedAudio decodeBytes(byte[] content, String source) {
    return AudioDecoders.decode(content, source);
  }
}

package org.noodlevision.spark.compute;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.noodlevision.audio.io.AudioDecodeException;
import org.noodlevision.audio.io.AudioDecoders;
import org.noodlevision.audio.io.AudioStream;
import org.noodlevision.audio.io.DecodedAudio;

/**
 * Decodes audio for the Spark paths (the {@code audio} data source and {@code binaryFile} content): the one place
 * where executors decode, next to {@link AudioFeatureComputer}. Local files go to the engine's file decoder; other
 * file systems (HDFS, S3, ...) are read through Hadoop into memory first.
 */
public final class AudioFileDecoder {
  /** Largest file read into memory from a non-local file system. */
  static final long MAX_IN_MEMORY_BYTES = Integer.MAX_VALUE - 16L;
  /** Bytes read from a remote file for a header-only read (WAV chunks or FLAC metadata blocks before the audio). */
  static final long HEADER_BYTES = 4L << 20;

  private AudioFileDecoder() {}

  /**
   * Decodes the file at {@code path} (a Hadoop path string or URI).
   *
   * @throws AudioDecodeException when the file cannot be read or decoded; its message names the file
   */
  public static DecodedAudio decodeFile(String path, Configuration hadoopConf) {
    return decodeFile(path, hadoopConf, Double.POSITIVE_INFINITY);
  }

  /**
   * Decodes the file at {@code path}, refusing clips longer than {@code maxDurationSec} before holding more than
   * that many seconds of samples (local files are streamed; the header's length is checked first but not trusted).
   *
   * @throws AudioDecodeException when the file cannot be read or decoded, or is too long; its message names the file
   */
  public static DecodedAudio decodeFile(String path, Configuration hadoopConf, double maxDurationSec) {
    Path hadoopPath = new Path(path);
    URI uri = hadoopPath.toUri();
    if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
      java.nio.file.Path local = Paths.get(uri.getScheme() == null ? new Path("file", null, uri.getPath()).toUri()
          : uri);
      if (Double.isInfinite(maxDurationSec)) {
        return AudioDecoders.decode(local);
      }
      try (AudioStream stream = AudioDecoders.open(local)) {
        return readLimited(stream, maxDurationSec);
      }
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
      if (Double.isInfinite(maxDurationSec)) {
        return AudioDecoders.decode(content, path);
      }
      try (AudioStream stream = AudioDecoders.open(content, path)) {
        return readLimited(stream, maxDurationSec);
      }
    } catch (IOException e) {
      throw new AudioDecodeException(path, "cannot read the file: " + e, e);
    }
  }

  /**
   * Reads only the header of the file at {@code path}: format, sample rate, channels and the length the file
   * declares (-1 when it declares none). Nothing past the header is decoded, so a file whose data is damaged passes.
   *
   * @throws AudioDecodeException when the file cannot be read or its header is not a supported one; names the file
   */
  public static AudioFileHeader readHeader(String path, Configuration hadoopConf) {
    Path hadoopPath = new Path(path);
    URI uri = hadoopPath.toUri();
    try {
      if (uri.getScheme() == null || "file".equals(uri.getScheme())) {
        java.nio.file.Path local = Paths.get(uri.getScheme() == null ? new Path("file", null, uri.getPath()).toUri()
            : uri);
        try (AudioStream stream = AudioDecoders.open(local)) {
          return AudioFileHeader.of(stream);
        }
      }
      FileSystem fs = hadoopPath.getFileSystem(hadoopConf);
      byte[] head = new byte[(int) Math.min(HEADER_BYTES, fs.getFileStatus(hadoopPath).getLen())];
      try (InputStream in = fs.open(hadoopPath)) {
        int off = 0;
        for (int n; off < head.length && (n = in.read(head, off, head.length - off)) >= 0; ) {
          off += n;
        }
      }
      try (AudioStream stream = AudioDecoders.open(head, path)) {
        return AudioFileHeader.of(stream);
      }
    } catch (IOException e) {
      throw new AudioDecodeException(path, "cannot read the file: " + e, e);
    }
  }

  private static DecodedAudio readLimited(AudioStream stream, double maxDurationSec) {
    double maxSamples = Math.floor(maxDurationSec * stream.sampleRate());
    long declared = stream.declaredNumSamples();
    if (declared > maxSamples) {
      throw tooLong(stream, declared, maxDurationSec);
    }
    float[] buffer = new float[(int) Math.min(Math.max(declared, 4096), Math.min(maxSamples + 1, 1 << 20))];
    int n = 0;
    while (true) {
      if (n == buffer.length) {
        if (n > maxSamples) {
          throw tooLong(stream, n, maxDurationSec);
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min((long) n * 2, Math.min((long) maxSamples + 1, MAX_IN_MEMORY_BYTES / 4)));
      }
      int read = stream.read(buffer, n, buffer.length - n);
      if (read < 0) {
        break;
      }
      n += read;
      if (n > maxSamples) {
        throw tooLong(stream, n, maxDurationSec);
      }
    }
    return new DecodedAudio(n == buffer.length ? buffer : Arrays.copyOf(buffer, n), stream.sampleRate(),
        stream.channels(), stream.format());
  }

  private static AudioDecodeException tooLong(AudioStream stream, long samples, double maxDurationSec) {
    return new AudioDecodeException(stream.source(), String.format(Locale.ROOT,
        "the clip lasts at least %.3f s, longer than the option maxDurationSec=%s",
        (double) samples / stream.sampleRate(), maxDurationSec));
  }

  /** Decodes in-memory bytes (Spark's {@code binaryFile} {@code content}); {@code source} names them in errors. */
  public static DecodedAudio decodeBytes(byte[] content, String source) {
    return AudioDecoders.decode(content, source);
  }
}

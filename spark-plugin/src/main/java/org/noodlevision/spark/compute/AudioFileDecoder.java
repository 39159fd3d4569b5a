package org.noodlevision.spark.compute;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.noodlevision.audio.io.AudioDecodeException;
import org.noodlevision.audio.io.AudioDecoders;
import org.noodlevision.audio.io.AudioStream;
import org.noodlevision.audio.io.ClipTooLongException;
import org.noodlevision.audio.io.DecodedAudio;

/**
 * Decodes audio for the Spark paths (the {@code audio} data source, {@code binaryFile} content and
 * {@code extract}): the one place where executors open and decode files, next to {@link AudioFeatureComputer}.
 * Local files ({@code file:} or no scheme) go to the engine's file decoder; other file systems (HDFS, S3, ...) are
 * streamed through Hadoop's {@code FileSystem}, never held whole as bytes.
 */
public final class AudioFileDecoder {
  /** Largest number of bytes the samples of a length-limited read may grow to. */
  static final long MAX_IN_MEMORY_BYTES = Integer.MAX_VALUE - 16L;

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
   * that many seconds of samples (files are streamed; the header's length is checked first but not trusted).
   *
   * @throws AudioDecodeException when the file cannot be read or decoded, or is too long; its message names the file
   */
  public static DecodedAudio decodeFile(String path, Configuration hadoopConf, double maxDurationSec) {
    return decodeFile(path, hadoopConf, maxDurationSec, AudioDecoders.DEFAULT_MAX_SAMPLES);
  }

  /**
   * Decodes the file at {@code path} for one Spark row: as {@link #decodeFile(String, Configuration, double)}, also
   * refusing a clip whose samples would be a larger value than this executor builds safely ({@link SparkRowLimit}).
   * A WAV is refused before its data is decoded (its length is checked against its bytes), other files once that
   * many samples are decoded.
   *
   * @throws AudioDecodeException naming the file, for a file that cannot be decoded, is too long, or is too large
   *     for a row (the reason then names the limit and what to do instead)
   */
  public static DecodedAudio decodeFileForRow(String path, Configuration hadoopConf, double maxDurationSec) {
    return withinRowLimit(maxSamples -> decodeFile(path, hadoopConf, maxDurationSec, maxSamples));
  }

  /**
   * Decodes in-memory bytes (Spark's {@code binaryFile} {@code content}) for one Spark row, refusing samples over
   * this executor's {@link SparkRowLimit} as {@link #decodeFileForRow} does; {@code source} names them in errors.
   */
  public static DecodedAudio decodeBytesForRow(byte[] content, String source) {
    return withinRowLimit(maxSamples -> AudioDecoders.decode(content, source, maxSamples));
  }

  /** {@code decode} of at most the samples a row holds; a {@link ClipTooLongException} is explained by the limit. */
  private static DecodedAudio withinRowLimit(LongFunction<DecodedAudio> decode) {
    long maxRowBytes = SparkRowLimit.forThisExecutor();
    try {
      return decode.apply(SparkRowLimit.maxFloats(maxRowBytes));
    } catch (ClipTooLongException e) {
      throw new AudioDecodeException(e.source(), SparkRowLimit.samplesRefused(e.limitSamples(), maxRowBytes), e);
    }
  }

  /**
   * As {@link #decodeFile(String, Configuration, double)}, also refusing clips of more than {@code maxSamples} mono
   * samples with a {@link ClipTooLongException}.
   */
  private static DecodedAudio decodeFile(String path, Configuration hadoopConf, double maxDurationSec,
                                         long maxSamples) {
    if (Double.isInfinite(maxDurationSec)) {
      java.nio.file.Path local = localPath(path);
      if (local != null) {
        return AudioDecoders.decode(local, maxSamples);
      }
      return fromHadoop(path, hadoopConf, (in, length) -> AudioDecoders.decode(in, length, path, maxSamples));
    }
    try (AudioStream stream = open(path, hadoopConf)) {
      return readLimited(stream, maxDurationSec, maxSamples);
    }
  }

  /**
   * Opens the file at {@code path} (a Hadoop path string or URI) for incremental reading in bounded memory, whatever
   * its length: local files through the engine's file reader, others through Hadoop's {@code FileSystem}. The caller
   * closes the stream.
   *
   * @throws AudioDecodeException when the file cannot be opened or its header is not a supported one; names the file
   */
  public static AudioStream open(String path, Configuration hadoopConf) {
    java.nio.file.Path local = localPath(path);
    if (local != null) {
      return AudioDecoders.open(local);
    }
    return fromHadoop(path, hadoopConf, (in, length) -> AudioDecoders.open(in, length, path));
  }

  /** What is done with a file of a non-local file system: its opened stream and its length in bytes. */
  @FunctionalInterface
  private interface HadoopFileReader<T> {
    T read(InputStream in, long length) throws IOException;
  }

  /**
   * Opens {@code path} through Hadoop's {@code FileSystem} and hands its stream and length to {@code reader}.
   *
   * @throws AudioDecodeException naming the file when it cannot be opened or read
   */
  private static <T> T fromHadoop(String path, Configuration hadoopConf, HadoopFileReader<T> reader) {
    Path hadoopPath = new Path(path);
    try {
      FileSystem fs = hadoopPath.getFileSystem(hadoopConf);
      long length = fs.getFileStatus(hadoopPath).getLen();
      return reader.read(fs.open(hadoopPath), length);
    } catch (IOException e) {
      throw new AudioDecodeException(path, "cannot read the file: " + e, e);
    }
  }

  /**
   * Reads only the header of the file at {@code path}: format, sample rate, channels and the length the file
   * declares (-1 when it declares none). Nothing past the header is decoded, so a file whose data is damaged passes;
   * only the header's bytes (and a small read buffer) are read, on any file system.
   *
   * @throws AudioDecodeException when the file cannot be read or its header is not a supported one; names the file
   */
  public static AudioFileHeader readHeader(String path, Configuration hadoopConf) {
    try (AudioStream stream = open(path, hadoopConf)) {
      return AudioFileHeader.of(stream);
    }
  }

  /**
   * The local file of a {@code file:} or scheme-less path (relative to the working directory when relative), or null
   * for another file system.
   */
  private static java.nio.file.Path localPath(String path) {
    try {
      URI uri = new Path(path).toUri();
      if (uri.getScheme() == null) {
        return Paths.get(uri.getPath());
      }
      return "file".equals(uri.getScheme()) ? Paths.get(uri) : null;
    } catch (IllegalArgumentException e) { // a malformed URI, or a file: URI with an authority
      throw new AudioDecodeException(path, "not a valid file path or URI: " + e.getMessage(), e);
    }
  }

  private static DecodedAudio readLimited(AudioStream stream, double maxDurationSec, long maxArraySamples) {
    double durationSamples = Math.floor(maxDurationSec * stream.sampleRate());
    long declared = stream.declaredNumSamples();
    if (declared > durationSamples) {
      throw tooLong(stream, declared, maxDurationSec);
    }
    if (stream.verifiedNumSamples() > maxArraySamples) {
      throw new ClipTooLongException(stream.source(), maxArraySamples);
    }
    long limit = (long) Math.min(durationSamples, maxArraySamples);
    float[] buffer = new float[(int) Math.min(Math.max(declared, 4096), Math.min(limit + 1, 1 << 20))];
    int n = 0;
    while (true) {
      if (n == buffer.length) {
        if (n > limit) {
          throw exceeded(stream, n, maxDurationSec, maxArraySamples);
        }
        buffer = Arrays.copyOf(buffer, (int) Math.min((long) n * 2, Math.min(limit + 1, MAX_IN_MEMORY_BYTES / 4)));
      }
      int read = stream.read(buffer, n, buffer.length - n);
      if (read < 0) {
        break;
      }
      n += read;
      if (n > limit) {
        throw exceeded(stream, n, maxDurationSec, maxArraySamples);
      }
    }
    return new DecodedAudio(n == buffer.length ? buffer : Arrays.copyOf(buffer, n), stream.sampleRate(),
        stream.channels(), stream.format());
  }

  /** The error for a clip found to have {@code samples} samples, over one of the two limits. */
  private static AudioDecodeException exceeded(AudioStream stream, long samples, double maxDurationSec,
                                               long maxArraySamples) {
    return samples > maxArraySamples ? new ClipTooLongException(stream.source(), maxArraySamples)
        : tooLong(stream, samples, maxDurationSec);
  }

  private static AudioDecodeException tooLong(AudioStream stream, long samples, double maxDurationSec) {
    return new AudioDecodeException(stream.source(), String.format(Locale.ROOT,
        "the clip lasts at least %.3f s, longer than the option maxDurationSec=%s",
        (double) samples / stream.sampleRate(), maxDurationSec));
  }

}

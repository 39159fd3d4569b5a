package org.noodlevision.audio.io;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.noodlevision.InvalidParameterException;

/**
 * Entry point for decoding: detects the format from the content (RIFF/WAVE, fLaC), never from the file name, and
 * returns the clip as {@code librosa.load(path, sr=None, mono=True)} returns it: float32 samples (PCM divided by
 * 2^(bits-1), unsigned 8-bit re-centred, floats as stored), channels averaged to mono as {@code librosa.to_mono},
 * native sample rate.
 *
 * <p>Input is untrusted: sizes in headers are checked against the bytes actually present and never drive an
 * allocation, so memory is bounded by the real file size ({@link #decode}) or by fixed buffers ({@link #open}).
 * Every failure (truncated, malformed, unsupported, I/O) is an {@link AudioDecodeException} naming the source, what
 * is wrong and what is supported.
 *
 * <p>Supported: WAV (RIFF, or RF64 with its ds64 chunk) PCM unsigned 8-bit, signed 16/24/32-bit, IEEE float 32/64,
 * WAVE_FORMAT_EXTENSIBLE with a PCM or float subformat, any channel count; FLAC with 1 to 8 channels and 4 to 24 bits
 * (an ID3v2 tag in front is skipped). A WAV {@code data} chunk of declared size 0xFFFFFFFF, or 0 when the RIFF size
 * is unpatched too (left so by streaming writers), is read to the end of the file. Differences from librosa (which
 * reads through libsndfile): a WAV whose data chunk extends past the end of the file is rejected as truncated
 * (libsndfile loads the part that is present); a FLAC frame with a bad CRC is an error (libFLAC skips it). NaN and infinite float samples are returned as stored, as librosa returns them.
 */
public final class AudioDecoders {
  /**
   * Most mono samples {@link #decode(Path)} and {@link #decode(byte[], String)} return: 2^28 (1 GiB of float32,
   * 3.4 hours at 22.05 kHz). Longer clips fail with an {@link AudioDecodeException}; stream them with {@link #open}
   * or pass a larger limit.
   */
  public static final long DEFAULT_MAX_SAMPLES = 1L << 28;

  private static final int HEADER_BUFFER_BYTES = 8192;

  private AudioDecoders() {}

  /**
   * Decodes a whole file into memory (the samples array is sized from the actual content, not its header), up to
   * {@link #DEFAULT_MAX_SAMPLES}.
   */
  public static DecodedAudio decode(Path path) {
    return decode(path, DEFAULT_MAX_SAMPLES);
  }

  /** As {@link #decode(Path)}, failing when the clip has more than {@code maxSamples} mono samples. */
  public static DecodedAudio decode(Path path, long maxSamples) {
    checkMaxSamples(maxSamples);
    try (AudioStream stream = open(path)) {
      return ClipReader.readAll(stream, sizeOf(path), maxSamples);
    }
  }

  /**
   * Decodes in-memory bytes (e.g. Spark's binaryFile {@code content}) up to {@link #DEFAULT_MAX_SAMPLES};
   * {@code source} names them in errors.
   */
  public static DecodedAudio decode(byte[] content, String source) {
    return decode(content, source, DEFAULT_MAX_SAMPLES);
  }

  /** As {@link #decode(byte[], String)}, failing when the clip has more than {@code maxSamples} mono samples. */
  public static DecodedAudio decode(byte[] content, String source, long maxSamples) {
    checkMaxSamples(maxSamples);
    try (AudioStream stream = open(content, source)) {
      return ClipReader.readAll(stream, content.length, maxSamples);
    }
  }

  /**
   * Opens a file for incremental reading in bounded memory, whatever the clip length. The caller closes the stream.
   */
  public static AudioStream open(Path path) {
    Objects.requireNonNull(path, "path");
    String source = path.toString();
    long size = sizeOf(path);
    InputStream in;
    try {
      in = new BufferedInputStream(Files.newInputStream(path), HEADER_BUFFER_BYTES);
    } catch (IOException e) {
      throw new AudioDecodeException(source, "cannot open the file: " + e, e);
    }
    return open(new ByteInput(in, size, source));
  }

  /**
   * Decodes a whole clip read from {@code in} (e.g. a Hadoop {@code FileSystem} stream), up to
   * {@link #DEFAULT_MAX_SAMPLES}; as {@link #open(InputStream, long, String)}, which see. Closes {@code in}.
   */
  public static DecodedAudio decode(InputStream in, long length, String source) {
    return decode(in, length, source, DEFAULT_MAX_SAMPLES);
  }

  /** As {@link #decode(InputStream, long, String)}, failing when the clip has more than {@code maxSamples}. */
  public static DecodedAudio decode(InputStream in, long length, String source, long maxSamples) {
    checkMaxSamples(maxSamples);
    try (AudioStream stream = open(in, length, source)) {
      return ClipReader.readAll(stream, length, maxSamples);
    }
  }

  /**
   * Opens a stream of {@code length} bytes for incremental reading in bounded memory (a file of any file system: the
   * caller opens it, e.g. through Hadoop's {@code FileSystem}). The returned stream owns {@code in} and closes it;
   * so does a failure to open. {@code source} names the file in errors.
   */
  public static AudioStream open(InputStream in, long length, String source) {
    Objects.requireNonNull(in, "in");
    if (length < 0) {
      try {
        in.close();
      } catch (IOException e) {
        // nothing to recover from closing a stream we refuse
      }
      throw new InvalidParameterException("length", length, "the byte length of " + source + ", 0 or more");
    }
    return open(new ByteInput(new BufferedInputStream(in, HEADER_BUFFER_BYTES), length, source));
  }

  /** Opens in-memory bytes for incremental reading; {@code source} names them in errors. */
  public static AudioStream open(byte[] content, String source) {
    Objects.requireNonNull(content, "content");
    return open(new ByteInput(new ByteArrayInputStream(content), content.length, source));
  }

  private static AudioStream open(ByteInput in) {
    boolean ok = false;
    try {
      AudioStream stream = openDetected(in);
      ok = true;
      return stream;
    } catch (RuntimeException | StackOverflowError e) {
      throw DecodeFailures.wrap(in.source(), e);
    } finally {
      if (!ok) {
        in.close();
      }
    }
  }

  private static AudioStream openDetected(ByteInput in) {
    ContainerFormat container = ContainerFormat.detect(in);
    switch (container) {
      case WAV:
        return new WavAudioStream(in, WavHeaderReader.read(in, false));
      case RF64:
        return new WavAudioStream(in, WavHeaderReader.read(in, true));
      case FLAC:
        return FlacAudioStream.open(in);
      default:
        throw new AssertionError(container);
    }
  }

  private static void checkMaxSamples(long maxSamples) {
    if (maxSamples < 0) {
      throw new InvalidParameterException("maxSamples", maxSamples, "0 or more mono samples");
    }
  }

  private static long sizeOf(Path path) {
    try {
      return Files.size(path);
    } catch (IOException e) {
      throw new AudioDecodeException(String.valueOf(path), "cannot read the file: " + e, e);
    }
  }
}

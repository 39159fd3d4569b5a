package org.noodlevision.audio.io;

import java.io.Closeable;

/**
 * A clip read incrementally as mono float32 samples (channels averaged as librosa.to_mono does), so a clip of any
 * length is processed through fixed buffers. Not thread-safe.
 */
public interface AudioStream extends Closeable {
  /** Native sample rate in Hz. */
  int sampleRate();

  /** Channel count of the source before down-mixing. */
  int channels();

  /** Samples per channel the header declares, or -1 when unknown; never trusted for allocation. */
  long declaredNumSamples();

  /**
   * The exact number of samples this stream delivers when the container vouches for it against the bytes actually
   * there (a WAV's data size, checked against the file's length when opened), or -1 (the default; FLAC, whose
   * STREAMINFO count cannot be checked before decoding). Unlike {@link #declaredNumSamples()}, it may size buffers:
   * it never exceeds what the input's bytes hold. Reading can still fail part-way (an I/O error).
   */
  default long verifiedNumSamples() {
    return -1;
  }

  /**
   * How many samples to size a clip's buffers for before reading it: {@link #verifiedNumSamples()} when known, else
   * the declared count where the input's bytes could plausibly hold it (FLAC: at most
   * {@link FlacAudioStream#MAX_SIZING_SAMPLES_PER_BYTE} per byte), else -1. A hint, not a count: buffers sized from
   * it still grow when more samples arrive and are trimmed when fewer do. A header that lies makes at most the
   * allocation an honest file of that many bytes would.
   */
  default long sizingNumSamples() {
    return verifiedNumSamples();
  }

  /** Container/codec name, e.g. {@code wav} or {@code flac}. */
  String format();

  /** The file path or name, for error messages. */
  String source();

  /**
   * Reads up to {@code len} mono samples into {@code dst}. Returns the number read, or -1 at the end of the clip.
   *
   * @throws AudioDecodeException when the data is truncated or malformed
   */
  int read(float[] dst, int off, int len);

  @Override
  void close();
}

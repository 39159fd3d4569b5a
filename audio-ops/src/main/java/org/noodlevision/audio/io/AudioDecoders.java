package org.noodlevision.audio.io;

import java.nio.file.Path;

/**
 * Entry point for decoding: detects the format from the content (RIFF/WAVE, fLaC) and returns the clip as librosa
 * loads it. Every failure is an {@link AudioDecodeException} naming the source.
 *
 * <p>PLACEHOLDER: the decoding work replaces this body.
 */
public final class AudioDecoders {
  private AudioDecoders() {}

  /** Decodes a file. */
  public static DecodedAudio decode(Path path) {
    throw new AudioDecodeException(String.valueOf(path), "decoding is not implemented yet");
  }

  /** Decodes in-memory bytes (e.g. Spark's binaryFile {@code content}); {@code source} names them in errors. */
  public static DecodedAudio decode(byte[] content, String source) {
    throw new AudioDecodeException(source, "decoding is not implemented yet");
  }
}

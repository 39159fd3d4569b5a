package org.noodlevision.audio.io;

import org.noodlevision.NoodleVisionException;

/**
 * A file (or byte buffer) could not be decoded as audio: truncated, malformed or of an unsupported kind. The
 * message always names the source ({@link #source()}), what is wrong and what is supported.
 */
public class AudioDecodeException extends NoodleVisionException {
  private static final long serialVersionUID = 1L;
  private final String source;
  private final String reason;

  public AudioDecodeException(String source, String reason) {
    this(source, reason, null);
  }

  public AudioDecodeException(String source, String reason, Throwable cause) {
    super("Cannot decode audio '" + (source == null ? "<bytes>" : source) + "': " + reason, cause);
    this.source = source;
    this.reason = reason;
  }

  /** The file path or name the bytes came from; may be null for anonymous buffers. */
  public String source() {
    return source;
  }

  /** What is wrong, without the file name (suitable for an {@code error} column). */
  public String reason() {
    return reason;
  }
}

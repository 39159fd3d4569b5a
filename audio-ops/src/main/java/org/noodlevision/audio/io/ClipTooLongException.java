package org.noodlevision.audio.io;

/**
 * A clip has more samples than the caller allowed for decoding it into one array
 * ({@link AudioDecoders#decode(java.nio.file.Path, long)} and its siblings). Callers that set the limit for a reason of
 * their own (a Spark row's size, a configured duration) catch it and explain that reason; {@link #limitSamples()}
 * is the limit that was passed.
 */
public final class ClipTooLongException extends AudioDecodeException {
  private static final long serialVersionUID = 1L;
  private final long limitSamples;

  public ClipTooLongException(String source, long limitSamples) {
    super(source, "clip has more than " + limitSamples + " samples, the limit for decoding into one array; read it "
        + "incrementally with AudioDecoders.open, or pass a larger maxSamples");
    this.limitSamples = limitSamples;
  }

  /** The most mono samples the decode allowed. */
  public long limitSamples() {
    return limitSamples;
  }
}

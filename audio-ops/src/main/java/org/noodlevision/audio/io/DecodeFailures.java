package org.noodlevision.audio.io;

/**
 * Turns any unexpected failure while decoding untrusted bytes into an {@link AudioDecodeException} naming the
 * source, so that no other exception type reaches callers (a last line of defence: the readers validate first).
 */
final class DecodeFailures {
  private DecodeFailures() {}

  static AudioDecodeException wrap(String source, Throwable t) {
    if (t instanceof AudioDecodeException) {
      return (AudioDecodeException) t;
    }
    return new AudioDecodeException(
        source, "malformed content (" + t.getClass().getSimpleName() + ": " + t.getMessage() + ")", t);
  }
}

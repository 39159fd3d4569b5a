package org.noodlevision;

/**
 * Base of every exception NoodleVision throws on purpose. Messages follow one rule: say what went wrong, why,
 * and how to fix it, naming the file, column or setting involved.
 *
 * <p>Subclasses: {@link org.noodlevision.audio.io.AudioDecodeException} (a file that cannot be decoded),
 * {@link InvalidParameterException} (a parameter or setting out of range), the outputs-too-large exceptions of
 * {@code org.noodlevision.audio.features} ({@code FeatureSizeException}, {@code FeatureMemoryException}), and the
 * memory and GPU exceptions of {@code org.noodlevision.memory} and {@code org.noodlevision.gpu}.
 */
public class NoodleVisionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NoodleVisionException(String message) {
    super(message);
  }

  public NoodleVisionException(String message, Throwable cause) {
    super(message, cause);
  }
}

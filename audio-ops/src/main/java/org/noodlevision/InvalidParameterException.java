package org.noodlevision;

/**
 * A parameter or configuration setting has a value that is not allowed. The message names the parameter, the
 * value given and what is allowed; {@link #parameter()} gives the name for programmatic use.
 */
public class InvalidParameterException extends NoodleVisionException {
  private static final long serialVersionUID = 1L;
  private final String parameter;

  public InvalidParameterException(String parameter, Object value, String allowed) {
    super("Invalid value for '" + parameter + "': " + value + ". Allowed: " + allowed + ".");
    this.parameter = parameter;
  }

  /** The parameter or setting name, e.g. {@code n_fft} or {@code spark.noodlevision.memory.policy}. */
  public String parameter() {
    return parameter;
  }
}

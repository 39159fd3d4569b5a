package org.noodlevision.spark.sql;

import org.noodlevision.InvalidParameterException;

/**
 * An {@link InvalidParameterException} of a column, SQL or ML feature function, whose message starts with the
 * function as it was called, e.g. {@code nv.mfcc: Invalid value for 'n_mfcc': 0. Allowed: an integer from 1 to
 * n_mels (128).} {@link #parameter()} is the parameter's name, as for the exception it wraps (the cause).
 */
public final class FunctionParameterException extends InvalidParameterException {
  private static final long serialVersionUID = 1L;
  private final String function;
  private final String message;

  /** {@code cause}, its message prefixed with {@code function} (e.g. {@code nv.mfcc}, or an ML stage). */
  public FunctionParameterException(String function, InvalidParameterException cause) {
    super(cause.parameter(), "", "");
    this.function = function;
    this.message = function + ": " + cause.getMessage();
    initCause(cause);
  }

  /** The function as called, e.g. {@code nv.mfcc} or {@code AudioFunctions.features}. */
  public String function() {
    return function;
  }

  @Override
  public String getMessage() {
    return message;
  }
}

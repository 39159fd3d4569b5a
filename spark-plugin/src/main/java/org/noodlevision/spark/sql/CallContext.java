package org.noodlevision.spark.sql;

import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.SparkSession;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.spark.metrics.NoodleVisionAccumulators;

/**
 * What a bound function carries from the driver to the tasks besides its argument layout: the name it was called by
 * (for error messages: {@code nv.mfcc}, {@code AudioFunctions.mfcc}) and the driver's
 * {@link NoodleVisionAccumulators}, captured when the function is bound (SQL) or its column is built (Java, Scala,
 * ML), and serialized with the plan to the executors.
 *
 * <p>Accumulators are updated only inside tasks: a call that Spark's optimizer folds into a constant on the driver
 * (every argument a literal) computes outside any stage and counts nothing, so it is never counted twice.
 */
record CallContext(String name, NoodleVisionAccumulators accumulators) implements Serializable {

  /**
   * The context of a function called as {@code name}, with the accumulators of the active (else the default)
   * session's SparkContext; none when no session exists (a column built before any session): nothing is counted.
   * Call on the driver.
   */
  static CallContext of(String name) {
    return new CallContext(name, sessionAccumulators());
  }

  /** Adds the frames of one computed row, inside a task only. */
  void countFrames(long frames) {
    if (accumulators != null && TaskContext.get() != null) {
      accumulators.addFrames(frames);
    }
  }

  /** Adds the seconds of one decoded clip, inside a task only. */
  void countAudioSeconds(double seconds) {
    if (accumulators != null && TaskContext.get() != null) {
      accumulators.addAudioSeconds(seconds);
    }
  }

  /** Counts one input that could not be decoded, inside a task only. */
  void countFailure() {
    if (accumulators != null && TaskContext.get() != null) {
      accumulators.addFileFailed();
    }
  }

  /** {@code e} with this function's name in its message (once). */
  InvalidParameterException named(InvalidParameterException e) {
    return e instanceof FunctionParameterException ? e : new FunctionParameterException(name, e);
  }

  private static NoodleVisionAccumulators sessionAccumulators() {
    scala.Option<SparkSession> session = SparkSession.getActiveSession();
    if (session.isEmpty()) {
      session = SparkSession.getDefaultSession();
    }
    return session.isEmpty() ? null : NoodleVisionAccumulators.of(session.get());
  }
}

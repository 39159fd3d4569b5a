package org.noodlevision.spark.sql;

import org.apache.spark.sql.SparkSessionExtensions;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Optional session extensions: {@code spark.sql.extensions=org.noodlevision.spark.sql.NoodleVisionSqlExtensions}
 * adds an analysis check that validates the literal parameters of NoodleVision's SQL functions ({@code n_mfcc},
 * the {@code options} string, the feature names of {@code features}) when the query is analysed, so that
 * {@code spark.sql("SELECT nv.mfcc(samples, sample_rate, 0) FROM clips")} throws a
 * {@link FunctionParameterException} at once, before any job. Without it, the same error comes from the first task
 * that evaluates the call: a DataSource V2 {@code FunctionCatalog} binds functions from argument types alone and
 * never sees literal values.
 */
public final class NoodleVisionSqlExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
  /** Called by Spark when a session is built with this class in {@code spark.sql.extensions}. */
  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    extensions.injectCheckRule(session -> plan -> {
      LiteralArgumentCheck.check(plan);
      return BoxedUnit.UNIT;
    });
    return BoxedUnit.UNIT;
  }
}

package org.noodlevision.spark.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.ApplyFunctionExpression;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.classic.ExpressionUtils;
import org.apache.spark.sql.connector.catalog.functions.ScalarFunction;

/**
 * The few Spark calls that differ between Spark lines. This is the Spark 4 / Scala 2.13 version
 * ({@code src/main/spark4}); {@code src/main/spark35} holds the Spark 3.5 one, chosen by the build. Spark 4's
 * {@link Column} no longer wraps a Catalyst expression directly: {@link ExpressionUtils} converts both ways.
 */
public final class SparkCompat {
  private SparkCompat() {}

  /** A column that applies a V2 {@link ScalarFunction} to {@code args}, without any catalog registration. */
  public static Column applyFunction(ScalarFunction<?> function, Column... args) {
    List<Expression> children = new ArrayList<>(args.length);
    for (Column c : args) {
      children.add(ExpressionUtils.expression(c));
    }
    scala.collection.immutable.Seq<Expression> seq =
        scala.jdk.javaapi.CollectionConverters.asScala(children).toSeq();
    return ExpressionUtils.column(new ApplyFunctionExpression(function, seq));
  }
}

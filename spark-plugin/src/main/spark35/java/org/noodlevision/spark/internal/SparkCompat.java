package org.noodlevision.spark.internal;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.ApplyFunctionExpression;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.connector.catalog.functions.ScalarFunction;

/**
 * The few Spark calls that differ between Spark lines. This is the Spark 3.5 / Scala 2.12 version
 * ({@code src/main/spark35}); {@code src/main/spark4} holds the Spark 4 / Scala 2.13 one, chosen by the build.
 */
public final class SparkCompat {
  private SparkCompat() {}

  /** A column that applies a V2 {@link ScalarFunction} to {@code args}, without any catalog registration. */
  public static Column applyFunction(ScalarFunction<?> function, Column... args) {
    List<Expression> children = new ArrayList<>(args.length);
    for (Column c : args) {
      children.add(c.expr());
    }
    scala.collection.Seq<Expression> seq =
        scala.collection.JavaConverters.asScalaBufferConverter(children).asScala().toSeq();
    return new Column(new ApplyFunctionExpression(function, seq));
  }
}

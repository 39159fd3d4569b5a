package org.noodlevision.spark.sql;

import org.apache.spark.sql.catalyst.expressions.ApplyFunctionExpression;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.objects.Invoke;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import scala.runtime.BoxedUnit;

/**
 * The analysis check of {@link NoodleVisionSqlExtensions}: finds every call of NoodleVision's functions in an
 * analysed plan (subqueries included) and validates its parameter arguments that are literals, so that
 * {@code nv.mfcc(samples, sample_rate, 0)} fails when the query is analysed rather than in a task.
 *
 * <p>The catalog's functions appear in an analysed plan as Spark's {@link Invoke} of their {@code invoke} method on
 * the bound function (a literal object), the column functions as an {@link ApplyFunctionExpression}.
 */
final class LiteralArgumentCheck {
  /** Arguments before this ordinal (the samples and the sample rate) are never evaluated here. */
  private static final int FIRST_PARAMETER = 2;

  private LiteralArgumentCheck() {}

  /** @throws FunctionParameterException for the first call with a bad literal parameter */
  static void check(LogicalPlan plan) {
    plan.foreach(node -> {
      node.expressions().foreach(root -> {
        root.foreach(LiteralArgumentCheck::checkCall);
        return BoxedUnit.UNIT;
      });
      node.subqueries().foreach(subquery -> {
        check(subquery);
        return BoxedUnit.UNIT;
      });
      return BoxedUnit.UNIT;
    });
  }

  private static BoxedUnit checkCall(Expression e) {
    if (e instanceof Invoke) {
      Invoke invoke = (Invoke) e;
      if (invoke.targetObject() instanceof Literal
          && ((Literal) invoke.targetObject()).value() instanceof LiteralCheckedFunction) {
        check((LiteralCheckedFunction) ((Literal) invoke.targetObject()).value(), invoke.arguments());
      }
    } else if (e instanceof ApplyFunctionExpression) {
      ApplyFunctionExpression apply = (ApplyFunctionExpression) e;
      if (apply.function() instanceof LiteralCheckedFunction) {
        check((LiteralCheckedFunction) apply.function(), apply.children());
      }
    }
    return BoxedUnit.UNIT;
  }

  private static void check(LiteralCheckedFunction function, scala.collection.Seq<Expression> arguments) {
    Object[] literals = new Object[arguments.length()];
    for (int i = FIRST_PARAMETER; i < literals.length; i++) {
      literals[i] = constantValue(arguments.apply(i));
    }
    function.checkLiterals(literals);
  }

  /**
   * The value of a constant argument, null when it is not one or cannot be evaluated here (Spark then reports that
   * itself, unchanged by this check).
   */
  private static Object constantValue(Expression argument) {
    if (!argument.foldable()) {
      return null;
    }
    try {
      return argument.eval(null);
    } catch (RuntimeException e) {
      return null;
    }
  }
}

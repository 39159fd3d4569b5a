package org.noodlevision.spark.sql;

import java.util.function.BiFunction;
import org.apache.spark.sql.connector.catalog.functions.BoundFunction;
import org.apache.spark.sql.connector.catalog.functions.UnboundFunction;
import org.apache.spark.sql.types.StructType;

/**
 * A function of {@link AudioFunctionCatalog} before its argument types are known. Binding happens on the driver
 * while a query is analysed: the bound function gets a {@link CallContext} named {@code <catalog>.<function>} with
 * the session's accumulators.
 */
final class UnboundFeatureFunction implements UnboundFunction {
  private final String name;
  private final String description;
  private final String calledAs;
  private final BiFunction<StructType, CallContext, BoundFunction> binder;

  UnboundFeatureFunction(String catalog, String name, String description,
      BiFunction<StructType, CallContext, BoundFunction> binder) {
    this.name = name;
    this.description = description;
    this.calledAs = catalog + "." + name;
    this.binder = binder;
  }

  @Override
  public BoundFunction bind(StructType inputType) {
    return binder.apply(inputType, CallContext.of(calledAs));
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public String name() {
    return name;
  }
}

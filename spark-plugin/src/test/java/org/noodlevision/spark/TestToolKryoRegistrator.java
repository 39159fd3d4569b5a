package org.noodlevision.spark;

import com.esotericsoftware.kryo.Kryo;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Classes spark-testing-base's DataFrame comparisons shuffle (indexed {@code Row}s): test tooling only, registered
 * next to {@link NoodleVisionKryoRegistrator} so the tests still run with {@code spark.kryo.registrationRequired}.
 */
public final class TestToolKryoRegistrator implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    kryo.register(org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema.class);
    kryo.register(org.apache.spark.sql.catalyst.expressions.GenericRow.class);
    kryo.register(org.apache.spark.sql.types.StructType.class);
    kryo.register(org.apache.spark.sql.types.StructField.class);
    kryo.register(org.apache.spark.sql.types.StructField[].class);
    kryo.register(org.apache.spark.sql.types.Metadata.class);
    kryo.register(org.apache.spark.sql.types.ArrayType.class);
    kryo.register(org.apache.spark.sql.types.StringType$.class);
    kryo.register(org.apache.spark.sql.types.IntegerType$.class);
    kryo.register(org.apache.spark.sql.types.LongType$.class);
    kryo.register(org.apache.spark.sql.types.DoubleType$.class);
    kryo.register(org.apache.spark.sql.types.FloatType$.class);
    kryo.register(scala.collection.mutable.WrappedArray.ofRef.class);
    kryo.register(Float[].class);
    kryo.register(Object[].class);
    kryo.register(scala.collection.mutable.WrappedArray[].class);
    kryo.register(scala.collection.mutable.WrappedArray.ofFloat.class);
    register(kryo, "scala.collection.immutable.Map$EmptyMap$");
  }

  private static void register(Kryo kryo, String className) {
    try {
      kryo.register(Class.forName(className));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(className, e);
    }
  }
}

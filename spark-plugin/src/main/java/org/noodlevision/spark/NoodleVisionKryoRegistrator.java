package org.noodlevision.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers the classes NoodleVision's jobs put through Kryo, so they run with
 * {@code spark.serializer=org.apache.spark.serializer.KryoSerializer} and {@code spark.kryo.registrationRequired=true}:
 * {@code spark.kryo.registrator=org.noodlevision.spark.NoodleVisionKryoRegistrator}.
 */
public final class NoodleVisionKryoRegistrator implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    // The audio source broadcasts the Hadoop configuration; it serializes itself through Java serialization.
    kryo.register(org.apache.spark.util.SerializableConfiguration.class, new JavaSerializer());
    // Engine values that user code may collect or broadcast.
    kryo.register(org.noodlevision.audio.io.DecodedAudio.class, new JavaSerializer());
    kryo.register(org.noodlevision.audio.features.Feature.class);
    kryo.register(float[].class);
    kryo.register(float[][].class);
    kryo.register(double[].class);
    kryo.register(int[].class);
    kryo.register(Object[].class);
    // Catalyst values in collected rows, broadcasts and shuffles.
    kryo.register(org.apache.spark.sql.catalyst.InternalRow[].class);
    kryo.register(org.apache.spark.sql.catalyst.expressions.UnsafeRow.class);
    kryo.register(org.apache.spark.sql.catalyst.expressions.GenericInternalRow.class);
    kryo.register(org.apache.spark.sql.catalyst.expressions.UnsafeArrayData.class);
    kryo.register(org.apache.spark.sql.catalyst.util.GenericArrayData.class);
    kryo.register(org.apache.spark.unsafe.types.UTF8String.class);
    // Spark ML values of the feature-vector example (mean and std of MFCC into a classifier).
    kryo.register(org.apache.spark.ml.linalg.DenseVector.class);
    kryo.register(org.apache.spark.ml.linalg.SparseVector.class);
    kryo.register(org.apache.spark.ml.linalg.DenseMatrix.class);
    kryo.register(org.apache.spark.ml.feature.Instance.class);
    for (String name : ML_CLASSES) {
      kryo.register(load(name));
    }
  }

  /** Classes Spark ML's training (summaries, aggregators) sends through Kryo, e.g. for a LogisticRegression. */
  private static final String[] ML_CLASSES = {
    "org.apache.spark.storage.BroadcastBlockId",
    "org.apache.spark.broadcast.TorrentBroadcast",
    "org.apache.spark.ml.optim.aggregator.BinaryLogisticBlockAggregator",
    "org.apache.spark.ml.stat.MultiClassSummarizer",
    "org.apache.spark.ml.stat.SummaryBuilderImpl$Count$",
    "org.apache.spark.ml.stat.SummaryBuilderImpl$Std$",
    "org.apache.spark.ml.stat.SummaryBuilderImpl$Mean$",
    "org.apache.spark.ml.stat.SummaryBuilderImpl$ComputeWeightSum$",
    "org.apache.spark.ml.stat.SummaryBuilderImpl$ComputeMean$",
    "org.apache.spark.ml.stat.SummaryBuilderImpl$ComputeM2n$",
    "org.apache.spark.ml.stat.SummarizerBuffer",
  };

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, Thread.currentThread().getContextClassLoader() != null
          ? Thread.currentThread().getContextClassLoader() : NoodleVisionKryoRegistrator.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Kryo registration: class " + name + " is not on the classpath", e);
    }
  }
}

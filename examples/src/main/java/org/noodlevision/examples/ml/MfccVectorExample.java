package org.noodlevision.examples.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.noodlevision.spark.NoodleVisionKryoRegistrator;
import org.noodlevision.spark.ml.MFCC;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * Audio classification in a few lines: read clips with the {@code audio} source, compute 13 MFCCs with the
 * {@link MFCC} Transformer, summarise each clip as an ML vector (mean and standard deviation of every coefficient
 * over time, 26 values) and fit a logistic regression in one Pipeline.
 *
 * <p>Usage: {@code MfccVectorExample <audio dir> [master]}. The label here is a toy one (1 when the file name
 * contains "sine", else 0); use your own labels in practice.
 */
public final class MfccVectorExample {
  private MfccVectorExample() {}

  /** Mean and standard deviation over frames of a time-major {@code [frame][coefficient]} matrix. */
  static Vector meanAndStd(Seq<Seq<Object>> frames) {
    List<Seq<Object>> rows = JavaConverters.seqAsJavaList(frames);
    int n = rows.isEmpty() ? 0 : rows.get(0).size();
    double[] sum = new double[n];
    double[] sumSq = new double[n];
    for (Seq<Object> frame : rows) {
      List<Object> values = JavaConverters.seqAsJavaList(frame);
      for (int c = 0; c < n; c++) {
        double v = (Float) values.get(c);
        sum[c] += v;
        sumSq[c] += v * v;
      }
    }
    double[] out = new double[2 * n];
    int t = Math.max(1, rows.size());
    for (int c = 0; c < n; c++) {
      double mean = sum[c] / t;
      out[c] = mean;
      out[n + c] = Math.sqrt(Math.max(0, sumSq[c] / t - mean * mean));
    }
    return Vectors.dense(out);
  }

  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: MfccVectorExample <audio dir> [master]");
      System.exit(2);
    }
    SparkSession spark = SparkSession.builder()
        .appName("noodlevision-mfcc-vector-example")
        .master(args.length > 1 ? args[1] : "local[2]")
        .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .config("spark.kryo.registrator", NoodleVisionKryoRegistrator.class.getName())
        .config("spark.kryo.registrationRequired", "true")
        .getOrCreate();
    try {
      UserDefinedFunction toVector = functions.udf(
          (UDF1<Seq<Seq<Object>>, Vector>) MfccVectorExample::meanAndStd, new VectorUDT());
      Dataset<Row> clips = spark.read().format("audio").option("mode", "DROPMALFORMED").load(args[0])
          .withColumn("label", when(col("path").contains("sine"), 1.0).otherwise(0.0));

      MFCC mfcc = new MFCC().setNMfcc(13).setOutputCol("mfcc");
      Dataset<Row> withMfcc = mfcc.transform(clips);
      Dataset<Row> features = withMfcc.withColumn("features", toVector.apply(col("mfcc")));

      LogisticRegression classifier = new LogisticRegression().setMaxIter(20).setRegParam(0.01);
      PipelineModel model = new Pipeline().setStages(new PipelineStage[] {classifier}).fit(features);
      model.transform(features).select("path", "label", "prediction").show(false);
    } finally {
      spark.stop();
    }
  }
}

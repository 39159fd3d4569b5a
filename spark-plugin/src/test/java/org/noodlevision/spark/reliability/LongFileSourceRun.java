package org.noodlevision.spark.reliability;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Entry point of the forked, small-heap JVM of {@link LongFileSourceMemoryTest}: reads a folder through the
 * {@code audio} source in local[2] and prints {@code ROW <file> <samples, -1 for none> <error>} per file, then
 * {@code DONE}. A file whose samples the heap cannot copy into a Spark row used to end this JVM with an
 * OutOfMemoryError (Spark's uncaught-exception handler exits it).
 */
public final class LongFileSourceRun {
  private LongFileSourceRun() {
  }

  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("LongFileSourceRun")
        .config("spark.ui.enabled", "false")
        .config("spark.plugins", "org.noodlevision.spark.NoodleVisionPlugin")
        .config("spark.noodlevision.gpu.enabled", "off")
        .config("spark.noodlevision.memory.cpu.poolSize", "64m")
        .getOrCreate();
    // not size(samples): size(null) is -1 on Spark 3 and null on Spark 4
    for (Row r : spark.read().format("audio").load(args[0])
        .selectExpr("path", "CASE WHEN samples IS NULL THEN -1 ELSE size(samples) END AS n", "error")
        .collectAsList()) {
      String path = r.getString(0);
      System.out.println("ROW " + path.substring(path.lastIndexOf('/') + 1) + " " + r.get(1) + " " + r.get(2));
    }
    spark.stop();
    System.out.println("DONE");
  }
}

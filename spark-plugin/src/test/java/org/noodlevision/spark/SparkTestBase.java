package org.noodlevision.spark;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * One local[2] Spark session per test class (spark-testing-base keeps it static; it is stopped after the class so
 * other Spark tests of the module get their own), with Kryo, {@code spark.kryo.registrationRequired=true}, NoodleVision's registrator and the {@code nv} catalog.
 */
public abstract class SparkTestBase extends JavaDataFrameSuiteBase {
  @BeforeEach
  public void startSpark() {
    runBefore();
  }

  @AfterAll
  public static void stopSpark() {
    runAfterClass();
  }

  @Override
  public SparkConf conf() {
    return new SparkConf()
        .setMaster("local[2]")
        .setAppName("noodlevision-dataframe-tests")
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "localhost")
        .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .set("spark.kryo.registrationRequired", "true")
        .set("spark.kryo.registrator", NoodleVisionKryoRegistrator.class.getName() + "," + TestToolKryoRegistrator.class.getName())
        .set("spark.sql.shuffle.partitions", "2")
        .set("spark.sql.catalog.nv", "org.noodlevision.spark.sql.AudioFunctionCatalog");
  }

  /** spark-testing-base's DataFrame equality (schema and rows, in order), callable from Java. */
  protected void assertSameDataFrame(Dataset<Row> expected, Dataset<Row> actual) {
    assertDataFrameEquals(expected, actual, assertDataFrameEquals$default$3());
  }

  @Override
  public boolean enableHiveSupport() {
    return false;
  }
}

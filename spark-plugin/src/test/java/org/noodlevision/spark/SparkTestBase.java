package org.noodlevision.spark;

import com.holdenkarau.spark.testing.JavaDataFrameSuiteBase;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.BeforeEach;

/**
 * One local[2] Spark session shared by every Spark test class of the module (spark-testing-base keeps it static),
 * with Kryo, {@code spark.kryo.registrationRequired=true}, NoodleVision's registrator and the {@code nv} catalog.
 */
public abstract class SparkTestBase extends JavaDataFrameSuiteBase {
  @BeforeEach
  public void startSpark() {
    runBefore();
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
        .set("spark.kryo.registrator", NoodleVisionKryoRegistrator.class.getName())
        .set("spark.sql.shuffle.partitions", "2")
        .set("spark.sql.catalog.nv", "org.noodlevision.spark.sql.AudioFunctionCatalog");
  }

  @Override
  public boolean enableHiveSupport() {
    return false;
  }
}

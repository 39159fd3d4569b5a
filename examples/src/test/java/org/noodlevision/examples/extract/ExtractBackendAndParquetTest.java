package org.noodlevision.examples.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noodlevision.gpu.GpuBackend;

/**
 * {@code extract}'s backend selection ({@code spark.noodlevision.backend}) and its Parquet writer settings, on a
 * real local[2] Spark without a GPU.
 */
class ExtractBackendAndParquetTest {
  @TempDir static Path work;
  static Path audioDir;
  static SparkSession spark;

  @BeforeAll
  static void setUp() throws IOException {
    audioDir = Files.createDirectories(work.resolve("audio"));
    SampleAudio.copyWithBrokenFile(audioDir);
    spark = SparkSession.builder().master("local[2]").appName("ExtractBackendAndParquetTest")
        .config("spark.ui.enabled", "false").getOrCreate();
  }

  @AfterAll
  static void tearDown() {
    spark.stop();
  }

  @Test
  void backendGpu_withoutGpu_failsTheJob_namingTheSetting() {
    assumeFalse(GpuBackend.probe().available(), "this machine has a GPU");
    ExtractJobTest.Outcome o = ExtractJobTest.extract("--input", audioDir.toString(), "--output",
        work.resolve("gpu").toString(), "--features", "mfcc", "--conf", "spark.noodlevision.backend=gpu");
    assertEquals(1, o.status(), o.out() + o.err());
    assertTrue(o.err().contains("spark.noodlevision.backend=gpu"), o.err());
    assertTrue(o.err().contains("auto"), "says what to use instead: " + o.err());
    spark.conf().unset("spark.noodlevision.backend");
  }

  @Test
  void backendAuto_withoutGpu_givesTheSameRowsAsCpu() {
    Dataset<Row> cpu = run("cpu");
    Dataset<Row> auto = run("auto");
    assertEquals(cpu.count(), auto.count());
    assertEquals(0, cpu.exceptAll(auto).count(), () -> "rows only in the cpu run: " + describe(cpu.exceptAll(auto))
        + "; only in the auto run: " + describe(auto.exceptAll(cpu)));
    assertEquals(0, auto.exceptAll(cpu).count());
    assertEquals(1, auto.filter("error IS NOT NULL").count(), "the broken file keeps its error row");
    spark.conf().unset("spark.noodlevision.backend");
  }

  /** Path, error and the first values of each feature column of (up to 3) rows, for a failure message. */
  private static String describe(Dataset<Row> rows) {
    StringBuilder sb = new StringBuilder();
    for (Row r : rows.limit(3).collectAsList()) {
      sb.append(r.getAs("path").toString()).append(" error=").append((Object) r.getAs("error"));
      for (String f : new String[] {"mfcc", "chroma"}) {
        java.util.List<?> frames = r.getList(r.fieldIndex(f));
        sb.append(' ').append(f).append('=').append(frames == null || frames.isEmpty() ? "null" : frames.get(0));
      }
      sb.append("; ");
    }
    return sb.toString();
  }

  private static Dataset<Row> run(String backend) {
    Path out = work.resolve("backend-" + backend);
    ExtractJobTest.Outcome o = ExtractJobTest.extract("--input", audioDir.toString(), "--output", out.toString(),
        "--features", "mfcc,chroma", "--conf", "spark.noodlevision.backend=" + backend);
    assertEquals(0, o.status(), o.err());
    return spark.read().parquet(out.toString());
  }

  @Test
  void parquet_nativeWriter_isTheDefault_threeLevelLists_uncompressed() throws IOException {
    Path out = work.resolve("parquet-native");
    ExtractJobTest.Outcome o = ExtractJobTest.extract("--input", audioDir.resolve("tone").toString(), "--output",
        out.toString(), "--features", "mfcc");
    assertEquals(0, o.status(), o.err());
    ParquetMetadata footer = footer(out);
    String schema = footer.getFileMetaData().getSchema().toString();
    assertTrue(schema.contains("required float element"), "Spark's standard three-level list: " + schema);
    for (ColumnChunkMetaData col : footer.getBlocks().get(0).getColumns()) {
      assertEquals(CompressionCodecName.UNCOMPRESSED, col.getCodec());
    }
    assertEquals("array<array<float>>", spark.read().parquet(out.toString()).schema().apply("mfcc").dataType()
        .simpleString());
  }

  /** extract's settings for Spark's writer (spark.noodlevision.extract.parquetWriter=spark). */
  @Test
  void parquet_sparkWriter_twoLevelLists_noDictionary_uncompressed_andReadBackAsNestedArrays() throws IOException {
    Path out = work.resolve("parquet-settings");
    ExtractJobTest.Outcome o = ExtractJobTest.extract("--input", audioDir.resolve("tone").toString(), "--output",
        out.toString(), "--features", "mfcc", "--conf", "spark.noodlevision.extract.parquetWriter=spark");
    spark.conf().unset("spark.noodlevision.extract.parquetWriter");
    assertEquals(0, o.status(), o.err());
    ParquetMetadata footer = footer(out);
    String schema = footer.getFileMetaData().getSchema().toString();
    assertTrue(schema.contains("repeated float array"), "two-level list of floats: " + schema);
    assertFalse(schema.contains("element"), "no three-level list/element groups: " + schema);
    for (BlockMetaData block : footer.getBlocks()) {
      for (ColumnChunkMetaData col : block.getColumns()) {
        if (col.getPath().toDotString().startsWith("mfcc")) {
          assertEquals(CompressionCodecName.UNCOMPRESSED, col.getCodec());
          assertFalse(col.getEncodings().contains(Encoding.PLAIN_DICTIONARY)
              || col.getEncodings().contains(Encoding.RLE_DICTIONARY), "no dictionary: " + col.getEncodings());
        }
      }
    }
    assertEquals("array<array<float>>", spark.read().parquet(out.toString()).schema().apply("mfcc").dataType()
        .simpleString());
    assertFalse(spark.conf().contains(ParquetWriteSettings.LEGACY_FORMAT), "the session setting is given back");
  }

  @Test
  void parquet_userCodec_wins() throws IOException {
    Path out = work.resolve("parquet-snappy");
    ExtractJobTest.Outcome o = ExtractJobTest.extract("--input", audioDir.resolve("tone").toString(), "--output",
        out.toString(), "--features", "mfcc", "--conf", "spark.sql.parquet.compression.codec=snappy");
    assertEquals(0, o.status(), o.err());
    spark.conf().unset("spark.sql.parquet.compression.codec");
    ColumnChunkMetaData col = footer(out).getBlocks().get(0).getColumns().stream()
        .filter(c -> c.getPath().toDotString().startsWith("mfcc")).findFirst().orElseThrow();
    assertEquals(CompressionCodecName.SNAPPY, col.getCodec());
  }

  private static ParquetMetadata footer(Path dir) throws IOException {
    Path file;
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> parts = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
      assertFalse(parts.isEmpty(), "no parquet file in " + dir);
      file = parts.get(0);
    }
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
        new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
      return r.getFooter();
    }
  }
}

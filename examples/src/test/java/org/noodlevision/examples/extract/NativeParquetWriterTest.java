package org.noodlevision.examples.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.datasources.parquet.SparkToParquetSchemaConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureMatrix;
import org.noodlevision.examples.extract.parquet.ExtractParquetFileWriter;
import org.noodlevision.examples.extract.parquet.ExtractParquetSchema;
import org.noodlevision.examples.extract.parquet.ParquetFileSettings;

/**
 * The native Parquet writer against Spark's own, on a real local[2] Spark: the same rows (real features of the
 * bundled audio, a failed row, synthetic rows with no frames and with signed zeros) written both ways, with row
 * groups and pages forced small, read back by Spark's vectorized and row readers; filters pushed down to the
 * native file's statistics; the footer read by parquet-mr's own reader; codecs; extract's commit.
 */
class NativeParquetWriterTest {
  private static final List<Feature> FEATURES = ExtractOptions.DEFAULT_FEATURES;
  @TempDir static Path work;
  static Path audioDir;
  static SparkSession spark;
  static List<ExtractedFile> rows;

  @BeforeAll
  static void setUp() throws IOException {
    audioDir = Files.createDirectories(work.resolve("audio"));
    List<Path> files = SampleAudio.copyWithBrokenFile(audioDir);
    spark = SparkSession.builder().master("local[2]").appName("NativeParquetWriterTest")
        .config("spark.ui.enabled", "false").getOrCreate();
    FileFeatureExtractor extractor = new FileFeatureExtractor(Map.of(), FEATURES);
    rows = new ArrayList<>();
    for (Path f : files) {
      rows.add(extractor.extract(f.toString()));
    }
    rows.add(synthetic("/synthetic/no frames é.wav", 0, 0));
    rows.add(synthetic("/synthetic/signed zeros.wav", 3, 7));
    assertTrue(rows.stream().anyMatch(r -> !r.ok()), "a failed row is among the rows");
  }

  @AfterAll
  static void tearDown() {
    spark.stop();
  }

  /** A decoded-looking row whose features have {@code frames} frames of -0.0, 0.0, -1.5, ... */
  private static ExtractedFile synthetic(String path, int frames, int seed) {
    Map<Feature, FeatureMatrix> features = new EnumMap<>(Feature.class);
    for (Feature f : FEATURES) {
      int bins = f == Feature.CHROMA ? 12 : f == Feature.MFCC ? 20 : f == Feature.SPECTROGRAM ? 1025 : 128;
      float[] data = new float[frames * bins];
      for (int i = 0; i < data.length; i++) {
        data[i] = i % 3 == 0 ? -0.0f : i % 3 == 1 ? 0.0f : -1.5f * (i + seed);
      }
      features.put(f, new FeatureMatrix(frames, bins, data));
    }
    return new ExtractedFile(path, 8000, 1, (long) frames * 512, frames * 512 / 8000.0, null, null, features);
  }

  private static ParquetFileSettings settings(long blockSize, int pageSize, CompressionCodecName codec) {
    return new ParquetFileSettings(blockSize, pageSize, codec, true, 64, Integer.MAX_VALUE);
  }

  private static Path writeNative(String name, ParquetFileSettings settings) throws IOException {
    return writeNative(name, settings, rows);
  }

  private static Path writeNative(String name, ParquetFileSettings settings, List<ExtractedFile> rows)
      throws IOException {
    Path dir = Files.createDirectories(work.resolve(name));
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.resolve("part-00000.parquet").toUri());
    try (ExtractParquetFileWriter w = new ExtractParquetFileWriter(file, new Configuration(), FEATURES, settings,
        ExtractParquetSchema.footer(FEATURES, spark.version()))) {
      for (ExtractedFile r : rows) {
        w.add(r);
      }
      assertEquals(rows.size(), w.rows());
    }
    return dir;
  }

  private static Path writeSpark(String name) {
    Path dir = work.resolve(name);
    List<Row> sparkRows = rows.stream().map(r -> ExtractSchema.toRow(r, FEATURES)).toList();
    spark.createDataFrame(sparkRows, ExtractSchema.schema(FEATURES)).coalesce(1).write().parquet(dir.toString());
    return dir;
  }

  @Test
  void roundTrip_sameRowsAndSchemaAsSparksWriter_withEveryReader() throws IOException {
    Path nativeDir = writeNative("native-small", settings(1 << 20, 4 << 10, CompressionCodecName.UNCOMPRESSED));
    Path sparkDir = writeSpark("spark-written");
    ParquetMetadata footer = footer(nativeDir);
    assertTrue(footer.getBlocks().size() > 2, "several row groups: " + footer.getBlocks().size());
    assertEquals(rows.size(), footer.getBlocks().stream().mapToLong(BlockMetaData::getRowCount).sum());
    assertTrue(maxPages(nativeDir, "chroma") > 1, "chroma spans several pages in a row group");
    assertTrue(maxPages(nativeDir, "spectrogram") > 1, "rows of spectrogram in pages of their own");
    for (String vectorized : List.of("true", "false")) {
      spark.conf().set("spark.sql.parquet.enableVectorizedReader", vectorized);
      spark.conf().set("spark.sql.parquet.enableNestedColumnVectorizedReader", vectorized);
      try {
        Dataset<Row> ours = spark.read().parquet(nativeDir.toString());
        Dataset<Row> theirs = spark.read().parquet(sparkDir.toString());
        // Spark reads every file source column as nullable; the types are ExtractSchema's
        assertEquals(ExtractSchema.schema(FEATURES).catalogString(), ours.schema().catalogString());
        assertEquals(theirs.schema(), ours.schema(), "vectorized=" + vectorized);
        assertEquals(rows.size(), ours.count());
        assertEquals(0, ours.exceptAll(theirs).count(), "vectorized=" + vectorized);
        assertEquals(0, theirs.exceptAll(ours).count(), "vectorized=" + vectorized);
        Row zeros = ours.filter("path = '/synthetic/signed zeros.wav'").first();
        assertEquals(Float.floatToIntBits(-0.0f), Float.floatToIntBits(
            zeros.<scala.collection.Seq<scala.collection.Seq<Float>>>getAs("mfcc").apply(0).apply(0)));
        Row empty = ours.filter("path = '/synthetic/no frames é.wav'").first();
        assertEquals(0, empty.<scala.collection.Seq<?>>getAs("chroma").size(), "no frames: an empty array");
      } finally {
        spark.conf().unset("spark.sql.parquet.enableVectorizedReader");
        spark.conf().unset("spark.sql.parquet.enableNestedColumnVectorizedReader");
      }
    }
  }

  @Test
  void filtersOnScalarColumns_pushedDownToTheStatistics_keepTheRightRows() throws IOException {
    Path dir = writeNative("native-filters", settings(128 << 10, 16 << 10, CompressionCodecName.UNCOMPRESSED));
    spark.conf().set("spark.sql.parquet.filterPushdown", "true");
    Dataset<Row> df = spark.read().parquet(dir.toString());
    for (int rate : List.of(8000, 16000, 22050, 44100)) {
      long want = rows.stream().filter(r -> r.sampleRate() != null && r.sampleRate() == rate).count();
      assertTrue(want > 0, "sample rate " + rate + " among the rows");
      assertEquals(want, df.filter("sample_rate = " + rate).count(), "sample_rate = " + rate);
    }
    for (ExtractedFile r : rows) {
      assertEquals(1, df.filter(df.col("path").equalTo(r.path())).count(), r.path());
    }
    long failed = rows.stream().filter(r -> !r.ok()).count();
    assertEquals(failed, df.filter("sample_rate IS NULL").count());
    assertEquals(failed, df.filter("error IS NOT NULL").count());
    assertEquals(failed, df.filter("spectrogram IS NULL").count());
    long longer = rows.stream().filter(r -> r.durationSec() != null && r.durationSec() > 1.9).count();
    assertEquals(longer, df.filter("duration_sec > 1.9").count());
    long nullRates = 0;
    for (BlockMetaData block : footer(dir).getBlocks()) {
      for (ColumnChunkMetaData c : block.getColumns()) {
        if (c.getPath().toDotString().equals("sample_rate")) {
          nullRates += c.getStatistics().getNumNulls();
        } else if (c.getPath().toDotString().equals("path")) {
          assertTrue(c.getStatistics().hasNonNullValue(), "path statistics in every row group");
        }
      }
    }
    assertEquals(failed, nullRates, "null counts of sample_rate");
  }

  /**
   * Each feature column chunk's min and max are those of all its values: pages fold their statistics chunk by chunk
   * while copying the values (long rows span many chunks), and the chunk folds its pages. The last row's values fall
   * steadily, so its minimum is its last value, thousands of values into the row for every feature.
   */
  @Test
  void featureStatistics_minAndMaxOfAllValues() throws IOException {
    List<ExtractedFile> withLongRow = new ArrayList<>(rows);
    withLongRow.add(synthetic("/synthetic/long.wav", 400, 11));
    Path dir = writeNative("native-stats", settings(128 << 20, 64 << 10, CompressionCodecName.UNCOMPRESSED),
        withLongRow);
    List<BlockMetaData> blocks = footer(dir).getBlocks();
    assertEquals(1, blocks.size(), "one row group");
    for (Feature f : FEATURES) {
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (ExtractedFile r : withLongRow) {
        FeatureMatrix m = r.ok() ? r.features().get(f) : null;
        int n = m == null ? 0 : m.numFrames() * m.numBins();
        for (int i = 0; i < n; i++) {
          min = Math.min(min, m.data()[i]);
          max = Math.max(max, m.data()[i]);
        }
      }
      ColumnChunkMetaData chunk = blocks.get(0).getColumns().stream()
          .filter(c -> c.getPath().toDotString().startsWith(f.featureName() + ".")).findFirst().orElseThrow();
      assertEquals(min, (Float) chunk.getStatistics().genericGetMin(), f.featureName() + " min");
      assertEquals(max, (Float) chunk.getStatistics().genericGetMax(), f.featureName() + " max");
    }
  }

  /**
   * Every page's CRC matches its bytes (pages are handed to parquet-mr's checksum without a copy when they fill their
   * buffer, see PageBytes), and the check is real: one flipped byte in a page fails the verifying read.
   */
  @Test
  void pageChecksums_matchEveryPage_andAFlippedByteFailsTheVerifyingRead() throws IOException {
    Path dir = writeNative("native-crc", settings(1 << 20, 4 << 10, CompressionCodecName.UNCOMPRESSED));
    Path file = parts(dir).get(0);
    assertEquals(rows.size(), readAllPagesVerifyingChecksums(file));
    long spectrogramData;
    try (ParquetFileReader r = open(dir)) {
      spectrogramData = r.getFooter().getBlocks().get(0).getColumns().stream()
          .filter(c -> c.getPath().toDotString().startsWith("spectrogram.")).findFirst().orElseThrow()
          .getStartingPos();
    }
    Path corrupt = Files.createDirectories(work.resolve("native-crc-corrupt")).resolve("part-00000.parquet");
    byte[] bytes = Files.readAllBytes(file);
    bytes[(int) spectrogramData + 2000] ^= 0x10; // inside the chunk's first page (its header is a few dozen bytes)
    Files.write(corrupt, bytes);
    Exception e = assertThrows(Exception.class, () -> readAllPagesVerifyingChecksums(corrupt));
    assertTrue(String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("crc")
        || String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("checksum"), e.toString());
  }

  /** Reads every page of every row group with page checksum verification on; returns the rows. */
  private static long readAllPagesVerifyingChecksums(Path file) throws IOException {
    Configuration conf = new Configuration();
    conf.setBoolean("parquet.page.verify-checksum.enabled", true);
    org.apache.parquet.ParquetReadOptions options = org.apache.parquet.HadoopReadOptions.builder(conf).build();
    assertTrue(options.usePageChecksumVerification());
    long rowsRead = 0;
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
        new org.apache.hadoop.fs.Path(file.toUri()), conf), options)) {
      org.apache.parquet.column.page.PageReadStore group;
      while ((group = r.readNextRowGroup()) != null) {
        rowsRead += group.getRowCount();
        for (org.apache.parquet.column.ColumnDescriptor c : r.getFooter().getFileMetaData().getSchema()
            .getColumns()) {
          org.apache.parquet.column.page.PageReader pages = group.getPageReader(c);
          while (pages.readPage() != null) {
            // reading decompresses and checks each page
          }
        }
      }
    }
    return rowsRead;
  }

  @Test
  void footer_readByParquetMr_hasSparksSchemaAndMetadata() throws IOException {
    ParquetMetadata footer = footer(writeNative("native-footer", settings(128L << 20, 1 << 20,
        CompressionCodecName.UNCOMPRESSED)));
    assertEquals(new SparkToParquetSchemaConverter(spark.sessionState().conf()).convert(ExtractSchema.schema(FEATURES)),
        footer.getFileMetaData().getSchema());
    Map<String, String> kv = footer.getFileMetaData().getKeyValueMetaData();
    assertEquals(ExtractSchema.schema(FEATURES).json(), kv.get(ExtractParquetSchema.SPARK_ROW_METADATA));
    assertNotNull(kv.get(ExtractParquetSchema.SPARK_VERSION));
    assertEquals(1, footer.getBlocks().size(), "one row group under the default size");
  }

  @Test
  void snappy_roundTrips_andAnUnknownCodecNamesTheSetting() throws IOException {
    Path dir = writeNative("native-snappy", settings(512 << 10, 64 << 10, CompressionCodecName.SNAPPY));
    for (BlockMetaData block : footer(dir).getBlocks()) {
      for (ColumnChunkMetaData c : block.getColumns()) {
        assertEquals(CompressionCodecName.SNAPPY, c.getCodec());
      }
    }
    Dataset<Row> ours = spark.read().parquet(dir.toString());
    Dataset<Row> plain = spark.read().parquet(writeNative("native-plain", settings(512 << 10, 64 << 10,
        CompressionCodecName.UNCOMPRESSED)).toString());
    assertEquals(rows.size(), ours.count());
    assertEquals(0, ours.exceptAll(plain).count());

    Configuration conf = new Configuration();
    conf.set("parquet.compression", "foo");
    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> ParquetFileSettings.from(conf));
    assertTrue(e.getMessage().contains("parquet.compression") && e.getMessage().contains("zstd"), e.getMessage());
    Configuration zstd = new Configuration();
    zstd.set("spark.sql.parquet.compression.codec", "ZSTD");
    assertEquals(CompressionCodecName.ZSTD, ParquetFileSettings.from(zstd).codec());
    assertEquals(CompressionCodecName.UNCOMPRESSED, ParquetFileSettings.from(new Configuration()).codec());
  }

  @Test
  void extract_commitsPartFilesAndSuccess_failFastLeavesNoOutput_andBadSettingsAreNamed() throws IOException {
    Path out = work.resolve("extract-native");
    ExtractJobTest.Outcome o = ExtractJobTest.extract("--input", audioDir.toString(), "--output", out.toString(),
        "--features", "mfcc,chroma", "--conf", "parquet.block.size=65536");
    assertEquals(0, o.status(), o.err());
    spark.conf().unset("parquet.block.size");
    assertTrue(Files.isRegularFile(out.resolve("_SUCCESS")));
    assertFalse(Files.exists(out.resolve("_temporary")), "no _temporary left");
    List<Path> parts = parts(out);
    assertFalse(parts.isEmpty());
    assertTrue(parts.stream().allMatch(p -> p.getFileName().toString().matches("part-\\d{5}-[0-9a-f-]{36}-c000\\.parquet")),
        parts.toString());
    assertEquals(rows.stream().filter(r -> r.path().startsWith(audioDir.toString())).count(),
        spark.read().parquet(out.toString()).count());

    Path failed = work.resolve("extract-failfast");
    o = ExtractJobTest.extract("--input", audioDir.toString(), "--output", failed.toString(), "--features", "mfcc",
        "--mode", "FAILFAST");
    assertEquals(1, o.status(), o.out());
    assertTrue(o.err().contains(SampleAudio.BROKEN), o.err());
    assertFalse(Files.exists(failed.resolve("_SUCCESS")), "a failed job writes no _SUCCESS");
    for (int i = 0; i < 100 && Files.exists(failed.resolve("_temporary")); i++) {
      sleep(); // an attempt still running when the job failed cleans up as it is killed
    }
    assertFalse(Files.exists(failed.resolve("_temporary")), () -> "a failed job leaves no _temporary: " + tree(failed));
    assertTrue(!Files.exists(failed) || parts(failed).isEmpty(), "a failed job leaves no part file");

    o = ExtractJobTest.extract("--input", audioDir.resolve("tone").toString(), "--output",
        work.resolve("bad-codec").toString(), "--features", "mfcc", "--conf", "parquet.compression=foo");
    spark.conf().unset("parquet.compression");
    assertEquals(1, o.status());
    assertTrue(o.err().contains("parquet.compression") && o.err().contains("snappy"), o.err());

    o = ExtractJobTest.extract("--input", audioDir.resolve("tone").toString(), "--output",
        work.resolve("bad-writer").toString(), "--features", "mfcc", "--conf",
        "spark.noodlevision.extract.parquetWriter=fast");
    spark.conf().unset("spark.noodlevision.extract.parquetWriter");
    assertEquals(1, o.status());
    assertTrue(o.err().contains("spark.noodlevision.extract.parquetWriter") && o.err().contains("native"), o.err());
  }

  private static String tree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.map(Path::toString).toList().toString();
    } catch (IOException e) {
      return e.toString();
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<Path> parts(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
  }

  private static ParquetMetadata footer(Path dir) throws IOException {
    try (ParquetFileReader r = open(dir)) {
      return r.getFooter();
    }
  }

  private static ParquetFileReader open(Path dir) throws IOException {
    return ParquetFileReader.open(HadoopInputFile.fromPath(
        new org.apache.hadoop.fs.Path(parts(dir).get(0).toUri()), new Configuration()));
  }

  /** The most pages any chunk of the feature column has (from the offset index). */
  private static int maxPages(Path dir, String feature) throws IOException {
    int max = 0;
    try (ParquetFileReader r = open(dir)) {
      for (BlockMetaData block : r.getFooter().getBlocks()) {
        for (ColumnChunkMetaData c : block.getColumns()) {
          if (c.getPath().toDotString().startsWith(feature + ".")) {
            max = Math.max(max, r.readOffsetIndex(c).getPageCount());
          }
        }
      }
    }
    return max;
  }
}

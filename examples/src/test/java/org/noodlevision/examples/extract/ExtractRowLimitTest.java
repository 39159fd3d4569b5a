package org.noodlevision.examples.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureMatrix;

/**
 * Files whose features would make a Spark row too large for the executor fail alone, per mode, instead of ending the
 * job with an OutOfMemoryError; the rest are written. The limit is set low here so that the sample files straddle it.
 */
class ExtractRowLimitTest {
  private static final List<Feature> FEATURES = List.of(Feature.SPECTROGRAM, Feature.MFCC);
  @TempDir static Path work;
  static SparkSession spark;
  static Path audio;

  @BeforeAll
  static void setUp() throws IOException {
    audio = Files.createDirectories(work.resolve("audio"));
    SampleAudio.copyWithBrokenFile(audio);
    spark = SparkSession.builder().master("local[2]").appName("ExtractRowLimitTest")
        .config("spark.ui.enabled", "false").getOrCreate();
  }

  @AfterAll
  static void tearDown() {
    spark.stop();
  }

  /** A spectrogram row is its floats plus under 200 bytes per frame: no less, and not much more. */
  @Test
  void rowBytes_countsEveryFloatAndAFewBytesPerFrame() {
    float[] data = new float[431 * 1025];
    FeatureMatrix m = new FeatureMatrix(431, 1025, data);
    ExtractedFile file = new ExtractedFile("x.wav", 22050, 1, 220500L, 10.0, null, null,
        Map.of(Feature.SPECTROGRAM, m));
    long bytes = ExtractRowLimit.rowBytes(file);
    // per frame: its offset, the inner array's header and null bits (one bit per value), padding to 8 bytes
    assertTrue(bytes >= 4L * data.length && bytes <= 4L * data.length + 200L * 431, "row bytes " + bytes);
  }

  @Test
  void filesOverTheLimit_failAlone_perMode() {
    // the sample files' rows, in order: a limit between two of them
    List<Long> sizes = sortedOverSampleFiles(ExtractRowLimit::rowBytes);
    long limit = (sizes.get(sizes.size() / 2 - 1) + sizes.get(sizes.size() / 2)) / 2;
    long over = sizes.stream().filter(s -> s > limit).count();
    assertTrue(over > 0 && over < sizes.size(), "sizes " + sizes + " limit " + limit);

    FileFeatureExtractor extractor = new FileFeatureExtractor(Map.of(), FEATURES);
    // ExtractedFile is not serializable: each row comes back as its error, sample rate and feature count
    List<String[]> rows = FeatureExtraction.extract(spark, List.of(audio.toUri().toString()), ExtractMode.PERMISSIVE,
        extractor, spark.sparkContext().longAccumulator(), limit)
        .map(f -> new String[] {String.valueOf(f.error()), String.valueOf(f.sampleRate()),
            String.valueOf(f.features().size()), String.valueOf(f.ok() ? ExtractRowLimit.rowBytes(f) : -1)})
        .collect();
    long tooLarge = 0;
    for (String[] r : rows) {
      if (r[0].contains("as one Spark row")) {
        tooLarge++;
        assertTrue(!r[1].equals("null") && r[2].equals("0"), "metadata kept, features dropped: " + r[0]);
      } else if (r[0].equals("null")) {
        assertTrue(Long.parseLong(r[3]) <= limit, "a row within the limit: " + r[3]);
      }
    }
    assertEquals(over, tooLarge, "one error row per file over the limit");

    long kept = FeatureExtraction.extract(spark, List.of(audio.toUri().toString()), ExtractMode.DROPMALFORMED,
        extractor, spark.sparkContext().longAccumulator(), limit).count();
    assertEquals(sizes.size() - over, kept, "DROPMALFORMED keeps the files within the limit");

    Exception e = assertThrows(Exception.class, () -> FeatureExtraction.extract(spark,
        List.of(audio.toUri().toString()), ExtractMode.FAILFAST, extractor, spark.sparkContext().longAccumulator(),
        limit).count());
    assertTrue(String.valueOf(e.getMessage()).contains("as one Spark row"), String.valueOf(e.getMessage()));
  }

  /**
   * A feature with more values than one Parquet page holds (a row's values of a column go in one page, under 2 GiB:
   * 2 hours of a 48 kHz spectrogram) makes its file an error row before the native writer sees it, instead of
   * failing the task that writes the row group. The page limit is set between the sample files' spectrograms here.
   */
  @Test
  void aFeatureOverOneParquetPage_failsItsFileAlone() {
    FileFeatureExtractor extractor = new FileFeatureExtractor(Map.of(), FEATURES);
    List<Long> spectrogramBytes = sortedOverSampleFiles(
        e -> 4L * e.features().get(Feature.SPECTROGRAM).numFrames() * e.features().get(Feature.SPECTROGRAM).numBins());
    long pageLimit = (spectrogramBytes.get(0) + spectrogramBytes.get(spectrogramBytes.size() - 1)) / 2;
    long over = spectrogramBytes.stream().filter(b -> b > pageLimit).count();
    assertTrue(over > 0 && over < spectrogramBytes.size(), "sizes " + spectrogramBytes + " limit " + pageLimit);
    List<String[]> rows = FeatureExtraction.extract(spark, List.of(audio.toUri().toString()), ExtractMode.PERMISSIVE,
        extractor, spark.sparkContext().longAccumulator(), Long.MAX_VALUE, pageLimit)
        .map(f -> new String[] {String.valueOf(f.error()), String.valueOf(f.durationSec())}).collect();
    long tooLarge = rows.stream().filter(r -> r[0].contains("more than one Parquet page holds")).count();
    assertEquals(over, tooLarge, "one error row per file whose spectrogram exceeds the page");
    assertTrue(rows.stream().filter(r -> r[0].contains("Parquet page")).allMatch(r -> r[0].contains("spectrogram")
        && !r[1].equals("null")), "names the feature, keeps the metadata");
  }

  /** {@code size} of each sample file that computes, in increasing order (computed here, without Spark). */
  private static List<Long> sortedOverSampleFiles(java.util.function.ToLongFunction<ExtractedFile> size) {
    FileFeatureExtractor local = new FileFeatureExtractor(Map.of(), FEATURES);
    List<Long> sizes = new ArrayList<>();
    try (var files = Files.walk(audio)) {
      files.filter(Files::isRegularFile).map(f -> local.extract(f.toString())).filter(ExtractedFile::ok)
          .forEach(e -> sizes.add(size.applyAsLong(e)));
    } catch (IOException e) {
      throw new RuntimeException(e);
    }
    Collections.sort(sizes);
    return sizes;
  }
}

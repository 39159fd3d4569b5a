package org.noodlevision.spark.sql;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.noodlevision.spark.AudioFunctions;
import org.noodlevision.spark.metrics.NoodleVisionAccumulators;
import org.noodlevision.spark.ml.MFCC;
import org.noodlevision.spark.ml.Spectrogram;

/**
 * The SQL, column and ML feature functions add the frames their tasks compute to the named accumulator
 * {@code noodlevision.framesComputed} (librosa's frame count: {@code 1 + n / hop_length} for centred frames), in
 * generated and interpreted plans, once per row; what Spark evaluates on the driver counts nothing and does not
 * fail; a bad parameter of a SQL call without the analysis check fails its task with a message naming the function.
 * A session of its own (not spark-testing-base's) so that it also runs on the Spark 4 line.
 */
class FeatureFunctionFramesTest {
  private static SparkSession spark;
  private static NoodleVisionAccumulators accumulators;

  @BeforeAll
  static void startSpark() {
    spark = GeneratedClips.session("FeatureFunctionFramesTest")
        .getOrCreate();
    accumulators = NoodleVisionAccumulators.of(spark);
    GeneratedClips.dataFrame(spark).createOrReplaceTempView("clips");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void sqlMfcc_generatedAndInterpreted_countsOneFramePerHop() {
    long expected = GeneratedClips.expectedFrames(512, true, 2048);
    String query = "SELECT path, size(nv.mfcc(samples, sample_rate, 13)) AS frames FROM clips";

    long before = accumulators.framesComputed();
    assertEquals(expected, sumFrames(spark.sql(query)), "frames returned");
    assertEquals(expected, accumulators.framesComputed() - before, "codegen: frames counted");

    spark.conf().set("spark.sql.codegen.wholeStage", "false");
    spark.conf().set("spark.sql.codegen.factoryMode", "NO_CODEGEN");
    try {
      before = accumulators.framesComputed();
      assertEquals(expected, sumFrames(spark.sql(query)), "frames returned");
      assertEquals(expected, accumulators.framesComputed() - before, "interpreted: frames counted");
    } finally {
      spark.conf().unset("spark.sql.codegen.wholeStage");
      spark.conf().unset("spark.sql.codegen.factoryMode");
    }
  }

  @Test
  void sqlFeatures_severalFeaturesOfOneRow_countItsFramesOnce() {
    long before = accumulators.framesComputed();
    List<Row> rows = spark.sql("SELECT size(f.mfcc) AS frames, size(f.chroma) AS chroma FROM "
        + "(SELECT nv.features(samples, sample_rate, 'mfcc, chroma', 'hop_length=256, n_fft=1024') AS f FROM clips)")
        .collectAsList();
    assertEquals(GeneratedClips.expectedFrames(256, true, 1024), accumulators.framesComputed() - before);
    for (Row r : rows) {
      assertEquals(r.get(0), r.get(1), "one STFT pass: same frames for every feature");
    }
  }

  @Test
  void columnFeatures_datasetApi_countsFramesOncePerRow() {
    Dataset<Row> clips = spark.table("clips");
    long before = accumulators.framesComputed();
    Dataset<Row> out = clips.select(col("path"), AudioFunctions.features(col("samples"), col("sample_rate"),
            List.of("mfcc", "mel_spectrogram", "chroma"), Map.of("hop_length", "300")).as("f"))
        .select(col("path"), size(col("f.mfcc")).as("frames"), size(col("f.mel_spectrogram")).as("mel_frames"));
    long expected = GeneratedClips.expectedFrames(300, true, 2048);
    assertEquals(expected, sumFrames(out), "frames returned");
    assertEquals(expected, accumulators.framesComputed() - before, "frames counted once per row");
  }

  @Test
  void mlTransformers_countFramesCentredAndNot() {
    Dataset<Row> clips = spark.table("clips");
    long before = accumulators.framesComputed();
    Dataset<Row> mfcc = new MFCC().setNMfcc(13).setHopLength(400).setOutputCol("m").transform(clips);
    long expected = GeneratedClips.expectedFrames(400, true, 2048);
    assertEquals(expected, sumFrames(mfcc.select(col("path"), size(col("m")).as("frames"))));
    assertEquals(expected, accumulators.framesComputed() - before, "MFCC stage");

    before = accumulators.framesComputed();
    Dataset<Row> stft = new Spectrogram().setNFft(1024).setHopLength(256).setCenter(false).transform(clips);
    long uncentred = GeneratedClips.expectedFrames(256, false, 1024);
    assertEquals(uncentred, sumFrames(stft.select(col("path"), size(col("spectrogram")).as("frames"))));
    assertEquals(uncentred, accumulators.framesComputed() - before, "Spectrogram stage, center=false");
  }

  @Test
  void evaluatedOnTheDriver_foldedOrLocal_countsNothingAndSucceeds() {
    long before = accumulators.framesComputed();
    Dataset<Row> folded = spark.sql(
        "SELECT size(nv.mfcc(array_repeat(CAST(0.25 AS float), 4096), 22050, 13)) AS frames");
    String optimized = folded.queryExecution().optimizedPlan().toString();
    assertFalse(optimized.contains("MfccFunction"), "the call is folded into a constant: " + optimized);
    assertEquals(1 + 4096 / 512, folded.first().getInt(0));

    StructType schema = new StructType().add("sample_rate", DataTypes.IntegerType)
        .add("samples", DataTypes.createArrayType(DataTypes.FloatType, false));
    List<Row> rows = new ArrayList<>();
    rows.add(RowFactory.create(22_050, GeneratedClips.samples(5_000, 22_050, 3)));
    Dataset<Row> local = spark.createDataFrame(rows, schema)
        .select(size(AudioFunctions.mfcc(col("samples"), col("sample_rate"), 13)).as("frames"));
    assertEquals(1 + 5_000 / 512, local.first().getInt(0));
    assertEquals(before, accumulators.framesComputed(), "computed on the driver, outside any stage: not counted");
  }

  @Test
  void decodeAudio_countsSecondsAndUndecodableContent() {
    float[] clip = GeneratedClips.samples(11_025, 22_050, 5);
    List<Row> rows = List.of(RowFactory.create("ok.wav", GeneratedClips.wav(clip, 22_050)),
        RowFactory.create("bad.wav", new byte[] {1, 2, 3, 4, 5, 6, 7, 8}));
    StructType schema = new StructType().add("path", DataTypes.StringType).add("content", DataTypes.BinaryType);
    spark.createDataFrame(rows, schema).repartition(2).createOrReplaceTempView("files");
    double secondsBefore = accumulators.audioSeconds();
    long failedBefore = accumulators.filesFailed();
    List<Row> decoded = new ArrayList<>(spark.sql("SELECT path, a.num_samples, a.error FROM "
        + "(SELECT path, nv.decode_audio(content, path) AS a FROM files)").collectAsList()); // no ORDER BY: its
    decoded.sort(java.util.Comparator.comparing(r -> r.getString(0)));                   // sampling job decodes too
    assertNotNull(decoded.get(0).get(2), "bad.wav has an error");
    assertEquals(11_025L, decoded.get(1).getLong(1));
    assertEquals(0.5, accumulators.audioSeconds() - secondsBefore, 1e-9, "seconds decoded");
    assertEquals(1, accumulators.filesFailed() - failedBefore, "undecodable content");
  }

  @Test
  void badLiteralParameter_withoutAnalysisCheck_failsTheTaskNamingFunctionAndParameter() {
    Dataset<Row> query = spark.sql("SELECT nv.mfcc(samples, sample_rate, 0) AS m FROM clips"); // analysis passes
    String messages = taskFailure(query);
    assertTrue(messages.contains(FunctionParameterException.class.getName() + ": nv.mfcc: Invalid value for "
        + "'n_mfcc': 0. Allowed: an integer from 1 to n_mels (128)."), messages);

    messages = taskFailure(spark.sql("SELECT nv.chroma(samples, sample_rate, 'n_fftt=512') FROM clips"));
    assertTrue(messages.contains("nv.chroma: Invalid value for 'n_fftt': 512. Allowed: a parameter name among "
        + "n_fft, hop_length"), messages);

    messages = taskFailure(spark.sql("SELECT nv.features(samples, sample_rate, 'mfcc, mffc') FROM clips"));
    assertTrue(messages.contains("nv.features: Invalid value for 'features': mffc. Allowed: spectrogram, "
        + "power_spectrogram, mel_spectrogram, log_mel_spectrogram, mfcc, chroma."), messages);
  }

  private static String taskFailure(Dataset<Row> query) {
    Exception e = assertThrows(Exception.class, query::collectAsList);
    StringBuilder messages = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.append(t).append('\n');
    }
    return messages.toString();
  }

  /** The sum of the {@code frames} column (null rows count 0). */
  private static long sumFrames(Dataset<Row> frames) {
    long sum = 0;
    for (Row r : frames.collectAsList()) {
      int frameCount = r.isNullAt(r.fieldIndex("frames")) ? -1 : r.getInt(r.fieldIndex("frames"));
      sum += Math.max(0, frameCount);
    }
    return sum;
  }
}

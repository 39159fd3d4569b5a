package org.noodlevision.spark.sql;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.spark.AudioFunctions;
import org.noodlevision.spark.ml.MFCC;

/**
 * Bad parameters fail before any job runs: SQL calls with literal parameters when the query is analysed (with
 * {@link NoodleVisionSqlExtensions}), Java/Scala column functions when the column is built, ML stages in
 * {@code transform}; each with a {@link FunctionParameterException} naming the function, the parameter, the value and
 * what is allowed. Parameters held in a column can only be checked per row, by the tasks.
 */
class EarlyParameterValidationTest {
  private static SparkSession spark;
  private static final JobCounter JOBS = new JobCounter();

  @BeforeAll
  static void startSpark() {
    spark = GeneratedClips.session("EarlyParameterValidationTest")
        .config("spark.sql.extensions", NoodleVisionSqlExtensions.class.getName())
        .getOrCreate();
    spark.sparkContext().addSparkListener(JOBS);
    GeneratedClips.dataFrame(spark).withColumn("opts", lit("n_fft=1024, hop_length=9x"))
        .createOrReplaceTempView("clips");
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  @Test
  void sqlLiteralParameters_failWhenAnalysed_beforeAnyJob() {
    assertAnalysisError("SELECT nv.mfcc(samples, sample_rate, 0) FROM clips",
        "nv.mfcc: Invalid value for 'n_mfcc': 0. Allowed: an integer from 1 to n_mels (128).");
    assertAnalysisError("SELECT nv.mfcc(samples, sample_rate, 50, 'n_mels=40') FROM clips",
        "nv.mfcc: Invalid value for 'n_mfcc': 50. Allowed: an integer from 1 to n_mels (40).");
    assertAnalysisError("SELECT nv.log_mel_spectrogram(samples, sample_rate, 'n_fft=512, hop_lenght=128') AS x "
        + "FROM clips", "nv.log_mel_spectrogram: Invalid value for 'hop_lenght': 128. Allowed: a parameter name "
        + "among n_fft, hop_length, win_length");
    assertAnalysisError("SELECT nv.spectrogram(samples, sample_rate, 'pad_mode=edge') FROM clips",
        "nv.spectrogram: Invalid value for 'pad_mode': edge. Allowed: constant, reflect.");
    assertAnalysisError("SELECT nv.chroma(samples, sample_rate, 'n_fft=512, win_length=1024') FROM clips",
        "nv.chroma: Invalid value for 'win_length': 1024. Allowed: an integer from 1 to n_fft (512).");
    assertAnalysisError("SELECT nv.features(samples, sample_rate, 'mfcc, chroma, pitch') FROM clips",
        "nv.features: Invalid value for 'features': pitch. Allowed: spectrogram, power_spectrogram, "
            + "mel_spectrogram, log_mel_spectrogram, mfcc, chroma.");
    assertAnalysisError("SELECT nv.features(samples, sample_rate, 'mfcc', 'n_mels=0') FROM clips",
        "nv.features: Invalid value for 'n_mels': 0. Allowed: an integer from 1 to 4096.");
    // anywhere in the plan: a filter, a subquery, a short literal cast to int
    assertAnalysisError("SELECT path FROM clips WHERE size(nv.mel_spectrogram(samples, sample_rate, 'power=-1')) > 0",
        "nv.mel_spectrogram: Invalid value for 'power': -1.0.");
    assertAnalysisError("SELECT (SELECT max(size(nv.mfcc(samples, sample_rate, CAST(0 AS smallint)))) FROM clips)",
        "nv.mfcc: Invalid value for 'n_mfcc': 0.");
  }

  @Test
  void sqlValidLiteralParameters_passAndCompute() {
    long jobs = JOBS.count();
    List<Row> rows = spark.sql("SELECT path, size(nv.mfcc(samples, sample_rate, 30, 'n_mels=40, n_fft=1024')) AS n, "
        + "size(nv.features(samples, sample_rate, 'MFCC, chroma', 'tuning=0').chroma) AS c FROM clips "
        + "WHERE samples IS NOT NULL").collectAsList();
    assertEquals(GeneratedClips.CLIPS.length, rows.size());
    for (Row r : rows) {
      assertTrue(r.getInt(1) > 0 && r.getInt(2) > 0, r.toString());
    }
    assertTrue(JOBS.count() > jobs, "the query ran");
  }

  @Test
  void sqlParametersFromAColumn_areCheckedPerRowByTheTasks() {
    Dataset<Row> query = spark.sql("SELECT nv.mfcc(samples, sample_rate, opts) FROM clips"); // not literal: passes
    Exception e = assertThrows(Exception.class, query::collectAsList);
    String messages = causes(e);
    assertTrue(messages.contains("nv.mfcc: Invalid value for 'hop_length': 9x. Allowed: a number."), messages);
  }

  @Test
  void columnFunctions_badOptions_failWhenTheColumnIsBuilt() {
    Column samples = col("samples");
    Column sr = col("sample_rate");
    assertColumnError(() -> AudioFunctions.mfcc(samples, sr, 0),
        "AudioFunctions.mfcc: Invalid value for 'n_mfcc': 0. Allowed: an integer from 1 to n_mels (128).");
    assertColumnError(() -> AudioFunctions.melSpectrogram(samples, sr, Map.of("n_fft", "0")),
        "AudioFunctions.melSpectrogram: Invalid value for 'n_fft': 0. Allowed: an integer from 2 to 1048576.");
    assertColumnError(() -> AudioFunctions.chroma(samples, sr, Map.of("tunning", "0")),
        "AudioFunctions.chroma: Invalid value for 'tunning': 0. Allowed: a parameter name among");
    assertColumnError(() -> AudioFunctions.features(samples, sr, List.of("mfcc", "mfc"), Map.of()),
        "AudioFunctions.features: Invalid value for 'features': mfc.");
    assertColumnError(() -> AudioFunctions.features(samples, sr, List.of("mfcc", " "), Map.of()),
        "AudioFunctions.features: Invalid value for 'features': [mfcc,  ]. Allowed: feature names, none empty");
    assertColumnError(() -> AudioFunctions.features(samples, sr, new String[] {"mfcc"}, Map.of("center", "yes")),
        "AudioFunctions.features: Invalid value for 'center': yes. Allowed: true, false.");
  }

  @Test
  void columnFunctions_featuresInAnyOrder_fieldsAsRequested() {
    List<String> names = List.of("chroma", "mfcc", "spectrogram", "power_spectrogram", "mel_spectrogram",
        "log_mel_spectrogram");
    Dataset<Row> out = spark.table("clips").where("samples IS NOT NULL")
        .select(AudioFunctions.features(col("samples"), col("sample_rate"), names, Map.of("n_mfcc", "7")).as("f"))
        .select(size(col("f.chroma").getItem(0)).as("chroma_bins"), size(col("f.mfcc").getItem(0)).as("mfcc_bins"));
    for (Row r : out.collectAsList()) {
      assertEquals(12, r.getInt(0), "chroma field holds chroma");
      assertEquals(7, r.getInt(1), "mfcc field holds mfcc");
    }
  }

  @Test
  void mlStage_inconsistentParams_failInTransformBeforeAnyJob() {
    assertThrows(IllegalArgumentException.class, () -> new MFCC().setNMfcc(0), "one Param: Spark ML's validator");
    MFCC stage = new MFCC().setNMels(40).setNMfcc(50);
    long jobs = JOBS.count();
    FunctionParameterException e = assertThrows(FunctionParameterException.class,
        () -> stage.transform(spark.table("clips")));
    assertTrue(e.getMessage().startsWith("MFCC(" + stage.uid() + "): Invalid value for 'n_mfcc': 50. Allowed: "
        + "an integer from 1 to n_mels (40)."), e.getMessage());
    assertEquals(jobs, JOBS.count(), "no job ran");
  }

  private static void assertAnalysisError(String sql, String expectedMessageStart) {
    long jobs = JOBS.count();
    FunctionParameterException e = assertThrows(FunctionParameterException.class, () -> spark.sql(sql), sql);
    assertTrue(e.getMessage().startsWith(expectedMessageStart), sql + "\n" + e.getMessage());
    assertTrue(e instanceof InvalidParameterException, "typed");
    assertEquals(jobs, JOBS.count(), "no job ran for " + sql);
  }

  private static void assertColumnError(org.junit.jupiter.api.function.Executable build, String expectedStart) {
    FunctionParameterException e = assertThrows(FunctionParameterException.class, build);
    assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
  }

  private static String causes(Throwable e) {
    StringBuilder messages = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.append(t).append('\n');
    }
    return messages.toString();
  }

  /**
   * Jobs started, counted by a listener. The listener bus is asynchronous, so {@link #count()} first waits for it
   * to drain: a count taken after an action includes that action's jobs.
   */
  private static final class JobCounter extends SparkListener {
    private final java.util.concurrent.atomic.AtomicLong jobs = new java.util.concurrent.atomic.AtomicLong();

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
      jobs.incrementAndGet();
    }

    long count() {
      try {
        spark.sparkContext().listenerBus().waitUntilEmpty();
      } catch (java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException("Spark's listener bus did not drain", e);
      }
      return jobs.get();
    }
  }
}

package org.noodlevision.spark.sql;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.noodlevision.spark.ReferenceFiles.Tolerance.ABSOLUTE_2E3_DB;
import static org.noodlevision.spark.ReferenceFiles.Tolerance.RELATIVE_1E5;
import static org.noodlevision.spark.ReferenceFiles.Tolerance.RELATIVE_2E5;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.noodlevision.spark.AudioFunctions;
import org.noodlevision.spark.ReferenceFiles;
import org.noodlevision.spark.SparkTestBase;

/** The reference files through the {@code nv} SQL function catalog meet librosa's tolerances. */
class SqlFunctionParityTest extends SparkTestBase {
  @BeforeEach
  void registerClips() {
    spark().read().format("audio").load(ReferenceFiles.dir().resolve("audio").toString())
        .createOrReplaceTempView("clips");
  }

  @Test
  void referenceFiles_sqlFunctions_matchLibrosa() {
    Dataset<Row> df = spark().sql("SELECT path, "
        + "nv.spectrogram(samples, sample_rate) AS stft, "
        + "nv.mel_spectrogram(samples, sample_rate) AS mel, "
        + "nv.log_mel_spectrogram(samples, sample_rate) AS mel_db, "
        + "nv.mfcc(samples, sample_rate, 13) AS mfcc13, "
        + "nv.mfcc(samples, sample_rate, 'n_mfcc=20') AS mfcc20, "
        + "nv.chroma(samples, sample_rate, 'tuning=0') AS chroma0, "
        + "nv.features(samples, sample_rate, 'chroma, mfcc') AS f "
        + "FROM clips");
    String plan = df.queryExecution().analyzed().toString();
    Assertions.assertTrue(plan.contains("MfccFunction(nv.mfcc/3).invoke") && !plan.contains("staticinvoke"),
        "the magic invoke method is called directly on the bound function: " + plan);
    List<Row> rows = df.select(col("*"), col("f.chroma").as("chroma_est"), col("f.spectrogram").as("no_stft"))
        .collectAsList();
    assertEquals(ReferenceFiles.dir().resolve("audio").toFile().list().length, rows.size());
    for (Row row : rows) {
      String stem = ReferenceFiles.stem(row.getAs("path"));
      ReferenceFiles.assertMatches(stem, "stft_mag", ReferenceFiles.matrix(row, "stft"), RELATIVE_1E5);
      ReferenceFiles.assertMatches(stem, "mel", ReferenceFiles.matrix(row, "mel"), RELATIVE_1E5);
      ReferenceFiles.assertMatches(stem, "mel_db", ReferenceFiles.matrix(row, "mel_db"), ABSOLUTE_2E3_DB);
      ReferenceFiles.assertMatches(stem, "mfcc13", ReferenceFiles.matrix(row, "mfcc13"), RELATIVE_2E5);
      ReferenceFiles.assertMatches(stem, "mfcc20", ReferenceFiles.matrix(row, "mfcc20"), RELATIVE_2E5);
      ReferenceFiles.assertMatches(stem, "chroma_tuning0", ReferenceFiles.matrix(row, "chroma0"), RELATIVE_2E5);
      ReferenceFiles.assertMatches(stem, "chroma_tuning_est", ReferenceFiles.matrix(row, "chroma_est"),
          RELATIVE_2E5);
      assertNull(row.getAs("no_stft"), "features not requested are null");
    }
  }

  @Test
  void sqlAndColumnFunctions_giveIdenticalDataFrames() {
    Dataset<Row> viaSql = spark().sql("SELECT path, nv.mfcc(samples, sample_rate, 13, 'n_fft=1024') AS m FROM clips "
        + "ORDER BY path");
    Dataset<Row> viaColumns = spark().table("clips").select(col("path"),
        AudioFunctions.mfcc(col("samples"), col("sample_rate"), Map.of("n_mfcc", "13", "n_fft", "1024")).as("m"))
        .orderBy("path");
    assertSameDataFrame(viaSql, viaColumns);
  }

  @Test
  void wrongArguments_areAnalysisErrorsWithUsage() {
    AnalysisException e = assertThrows(AnalysisException.class,
        () -> spark().sql("SELECT nv.mfcc(path, sample_rate) FROM clips"));
    Assertions.assertTrue(e.getMessage().contains("array<float>"), e.getMessage());
  }

  @Test
  void badOption_failsNamingTheParameter() {
    Exception e = assertThrows(Exception.class,
        () -> spark().sql("SELECT nv.mel_spectrogram(samples, sample_rate, 'n_mels=0') FROM clips").collectAsList());
    String messages = "";
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages += t.getMessage() + "\n";
    }
    Assertions.assertTrue(messages.contains("n_mels"), messages);
  }

  @Test
  void sqlOnly_viewUsingAudioSource() {
    String dir = ReferenceFiles.dir().resolve("audio").toString();
    spark().sql("CREATE OR REPLACE TEMPORARY VIEW sql_clips USING audio OPTIONS (path '" + dir
        + "', pathGlobFilter 'a440*')");
    Row row = spark().sql("SELECT path, nv.mfcc(samples, sample_rate, 13) AS m FROM sql_clips").first();
    ReferenceFiles.assertMatches("a440_22050", "mfcc13", ReferenceFiles.matrix(row, "m"), RELATIVE_2E5);
  }

  @Test
  void catalog_listsItsFunctions() {
    List<Row> functions = spark().sql("SHOW USER FUNCTIONS IN nv").collectAsList();
    Assertions.assertTrue(functions.toString().contains("mfcc"), functions.toString());
  }
}

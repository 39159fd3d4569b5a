package org.noodlevision.spark;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import org.junit.jupiter.api.Assertions;
import static org.noodlevision.spark.ReferenceFiles.Tolerance.ABSOLUTE_2E3_DB;
import static org.noodlevision.spark.ReferenceFiles.Tolerance.RELATIVE_1E5;
import static org.noodlevision.spark.ReferenceFiles.Tolerance.RELATIVE_2E5;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.noodlevision.spark.metrics.FeatureTimer;

/** The reference files through the {@code audio} source and the column functions meet librosa's tolerances. */
class ColumnFunctionParityTest extends SparkTestBase {
  private static final List<String> ALL = List.of("spectrogram", "mel_spectrogram", "log_mel_spectrogram", "mfcc",
      "chroma");

  @Test
  void referenceFiles_defaultParameters_matchLibrosa() {
    String audioDir = ReferenceFiles.dir().resolve("audio").toString();
    long timedBefore = FeatureTimer.timer().getCount();
    Dataset<Row> clips = spark().read().format("audio").load(audioDir);
    List<Row> rows = clips
        .select(col("path"), col("error"),
            AudioFunctions.features(col("samples"), col("sample_rate"), ALL, Map.of()).as("f"),
            AudioFunctions.mfcc(col("samples"), col("sample_rate"), 13).as("mfcc13"),
            AudioFunctions.chroma(col("samples"), col("sample_rate"), Map.of("tuning", "0")).as("chroma0"))
        .select("path", "error", "f.*", "mfcc13", "chroma0")
        .collectAsList();
    assertEquals(ReferenceFiles.dir().resolve("audio").toFile().list().length, rows.size(), "one row per file");
    Assertions.assertTrue(FeatureTimer.timer().getCount() >= timedBefore + 3L * rows.size(),
        "every computation goes through AudioFeatureComputer and its executor timer");
    for (Row row : rows) {
      String stem = ReferenceFiles.stem(row.getAs("path"));
      assertNull(row.getAs("error"), stem);
      ReferenceFiles.assertMatches(stem, "stft_mag", ReferenceFiles.matrix(row, "spectrogram"), RELATIVE_1E5);
      ReferenceFiles.assertMatches(stem, "mel", ReferenceFiles.matrix(row, "mel_spectrogram"), RELATIVE_1E5);
      ReferenceFiles.assertMatches(stem, "mel_db", ReferenceFiles.matrix(row, "log_mel_spectrogram"),
          ABSOLUTE_2E3_DB);
      ReferenceFiles.assertMatches(stem, "mfcc20", ReferenceFiles.matrix(row, "mfcc"), RELATIVE_2E5);
      ReferenceFiles.assertMatches(stem, "chroma_tuning_est", ReferenceFiles.matrix(row, "chroma"), RELATIVE_2E5);
      ReferenceFiles.assertMatches(stem, "mfcc13", ReferenceFiles.matrix(row, "mfcc13"), RELATIVE_2E5);
      ReferenceFiles.assertMatches(stem, "chroma_tuning0", ReferenceFiles.matrix(row, "chroma0"), RELATIVE_2E5);
    }
  }

  @Test
  void sixteenKilohertzFiles_speechParameters_matchLibrosa() {
    Map<String, String> speech = Map.of("n_fft", "512", "hop_length", "160", "win_length", "400", "n_mels", "40",
        "n_mfcc", "13");
    Dataset<Row> clips = spark().read().format("audio").option("pathGlobFilter", "*_16000.wav")
        .load(ReferenceFiles.dir().resolve("audio").toString());
    List<Row> rows = clips.select(col("path"),
            AudioFunctions.spectrogram(col("samples"), col("sample_rate"), speech).as("stft"),
            AudioFunctions.melSpectrogram(col("samples"), col("sample_rate"), speech).as("mel"),
            AudioFunctions.logMelSpectrogram(col("samples"), col("sample_rate"), speech).as("mel_db"),
            AudioFunctions.mfcc(col("samples"), col("sample_rate"), speech).as("mfcc13"))
        .collectAsList();
    Assertions.assertTrue(rows.size() >= 1, "the reference set has 16 kHz files");
    for (Row row : rows) {
      String stem = ReferenceFiles.stem(row.getAs("path"));
      Assertions.assertTrue(Files.exists(ReferenceFiles.dir().resolve("expected").resolve(stem).resolve("g16k_mel.npy")), stem);
      ReferenceFiles.assertMatches(stem, "g16k_stft_mag", ReferenceFiles.matrix(row, "stft"), RELATIVE_1E5);
      ReferenceFiles.assertMatches(stem, "g16k_mel", ReferenceFiles.matrix(row, "mel"), RELATIVE_1E5);
      ReferenceFiles.assertMatches(stem, "g16k_mel_db", ReferenceFiles.matrix(row, "mel_db"), ABSOLUTE_2E3_DB);
      ReferenceFiles.assertMatches(stem, "g16k_mfcc13", ReferenceFiles.matrix(row, "mfcc13"), RELATIVE_2E5);
    }
  }
}

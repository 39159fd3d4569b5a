package org.noodlevision.spark.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.noodlevision.spark.ReferenceFiles.Tolerance.RELATIVE_1E5;
import static org.noodlevision.spark.ReferenceFiles.Tolerance.RELATIVE_2E5;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.spark.ReferenceFiles;
import org.noodlevision.spark.SparkTestBase;

/** The feature Transformers in a Pipeline, saved and loaded, meet librosa's tolerances on the reference files. */
class FeatureTransformerPipelineTest extends SparkTestBase {
  @TempDir
  Path tmp;

  @Test
  void pipeline_savedAndLoaded_matchesLibrosa() throws Exception {
    Pipeline pipeline = new Pipeline().setStages(new PipelineStage[] {
      new Spectrogram().setOutputCol("stft"),
      new MelSpectrogram().setOutputCol("mel"),
      new MFCC().setNMfcc(13).setOutputCol("mfcc13"),
      new Chroma().setTuning(0.0).setOutputCol("chroma0"),
    });
    pipeline.write().overwrite().save(tmp.resolve("pipeline").toString());
    Pipeline loadedPipeline = Pipeline.load(tmp.resolve("pipeline").toString());
    Dataset<Row> clips = spark().read().format("audio").load(ReferenceFiles.dir().resolve("audio").toString());
    PipelineModel model = loadedPipeline.fit(clips);
    model.write().overwrite().save(tmp.resolve("model").toString());
    PipelineModel loaded = PipelineModel.load(tmp.resolve("model").toString());

    List<Row> rows = loaded.transform(clips).select("path", "stft", "mel", "mfcc13", "chroma0").collectAsList();
    assertEquals(ReferenceFiles.dir().resolve("audio").toFile().list().length, rows.size());
    for (Row row : rows) {
      String stem = ReferenceFiles.stem(row.getAs("path"));
      ReferenceFiles.assertMatches(stem, "stft_mag", ReferenceFiles.matrix(row, "stft"), RELATIVE_1E5);
      ReferenceFiles.assertMatches(stem, "mel", ReferenceFiles.matrix(row, "mel"), RELATIVE_1E5);
      ReferenceFiles.assertMatches(stem, "mfcc13", ReferenceFiles.matrix(row, "mfcc13"), RELATIVE_2E5);
      ReferenceFiles.assertMatches(stem, "chroma_tuning0", ReferenceFiles.matrix(row, "chroma0"), RELATIVE_2E5);
    }
  }

  @Test
  void stage_savedAndLoaded_keepsItsParams() throws Exception {
    MFCC mfcc = new MFCC().setNMfcc(13).setNFft(512).setHopLength(160).setWinLength(400).setNMels(40);
    String path = tmp.resolve("mfcc").toString();
    mfcc.save(path);
    MFCC loaded = MFCC.load(path);
    assertEquals(mfcc.uid(), loaded.uid());
    assertEquals(mfcc.engineOptions(), loaded.engineOptions());
    assertEquals("160", loaded.engineOptions().get("hop_length"));
    assertEquals(13, loaded.getNMfcc());
  }

  @Test
  void missingInputColumn_isTypedErrorNamingIt() {
    Dataset<Row> clips = spark().read().format("audio")
        .load(ReferenceFiles.dir().resolve("audio").resolve("a440_22050.wav").toString());
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> new Chroma().setInputCol("audio").transform(clips));
    assertEquals("inputCol", e.parameter());
  }
}

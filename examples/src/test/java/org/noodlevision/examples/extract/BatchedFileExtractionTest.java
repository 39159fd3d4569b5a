package org.noodlevision.examples.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.features.FeaturePipeline;
import org.noodlevision.gpu.ClipBatchComputer;
import org.noodlevision.gpu.GpuSettings;

/** Batches of many files (mixed sample rates, a broken file inside) come out in input order with the engine's values. */
class BatchedFileExtractionTest {
  @TempDir Path work;

  @Test
  void largeBatches_keepInputOrder_failedFilesInPlace_andEngineValues() throws IOException {
    List<Path> files = SampleAudio.copyWithBrokenFile(work);
    List<String> paths = new ArrayList<>(files.stream().map(Path::toString).toList());
    paths.add(2, paths.remove(paths.size() - 1)); // the broken file amid the others
    List<Feature> features = List.of(Feature.MFCC, Feature.CHROMA);
    FileFeatureExtractor extractor = new FileFeatureExtractor(Map.of("n_mfcc", "13"), features);
    FeatureParams params = extractor.params();
    List<ExtractedFile> out = new ArrayList<>();
    try (FeaturePipeline pipeline = new FeaturePipeline(params, EnumSet.copyOf(features));
         ClipBatchComputer computer = ClipBatchComputer.create("spark.noodlevision.backend", "cpu", params,
             EnumSet.copyOf(features), GpuSettings.defaults(), pipeline::compute)) {
      new BatchedFileExtraction(paths.stream().map(extractor::scan).iterator(), extractor, computer, Long.MAX_VALUE)
          .forEachRemaining(out::add);
    }
    assertEquals(paths, out.stream().map(ExtractedFile::path).toList());
    int broken = 0;
    for (ExtractedFile f : out) {
      if (f.path().endsWith(SampleAudio.BROKEN)) {
        assertFalse(f.ok());
        broken++;
        continue;
      }
      assertTrue(f.ok(), f.path() + ": " + f.error());
      ExtractedFile single = extractor.extract(f.path());
      assertArrayEquals(single.features().get(Feature.MFCC).data(), f.features().get(Feature.MFCC).data(), f.path());
      assertEquals(single.sampleRate(), f.sampleRate());
    }
    assertEquals(1, broken);
  }
}

package org.noodlevision.examples.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noodlevision.audio.features.Feature;

/**
 * Files longer than the streaming threshold (or of undeclared length) are computed from a re-opened stream, never
 * decoded whole, and give the same row as the in-memory path: same features, same sample count; also through the
 * {@code audio} source's scan on a non-local Hadoop file system, where the stream is re-opened through Hadoop.
 */
class LongFileStreamingTest {
  private static final int SR = 22050;
  private static final int N = 5 * SR + 123;
  private static final List<Feature> FEATURES = List.of(Feature.MFCC, Feature.CHROMA, Feature.LOG_MEL_SPECTROGRAM);

  @TempDir Path work;

  @Test
  void longFile_isStreamed_andEqualsTheInMemoryRow() throws IOException {
    Path wav = writePcm16(work.resolve("long.wav"), false);
    checkStreamedEqualsInMemory(wav);
  }

  @Test
  void undeclaredLength_isStreamed_andCountsTheSamplesActuallyRead() throws IOException {
    Path wav = writePcm16(work.resolve("streaming-writer.wav"), true); // data size 0xFFFFFFFF
    checkStreamedEqualsInMemory(wav);
  }

  /**
   * A long file that fails part-way through its stream (a float WAV with a NaN sample two seconds in); the next
   * file, computed on the same thread (so by the same cached pipeline), must still equal its in-memory row: a failed
   * file leaves nothing behind.
   */
  @Test
  void longFileFailingMidStream_failsAlone_andTheNextFileIsUnaffected() throws IOException {
    Path good = writePcm16(work.resolve("good.wav"), false);
    Path bad = work.resolve("nan.wav");
    ByteBuffer b = ByteBuffer.allocate(44 + 4 * N).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + 4 * N).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 3).putShort((short) 1).putInt(SR).putInt(4 * SR)
        .putShort((short) 4).putShort((short) 32);
    b.put("data".getBytes()).putInt(4 * N);
    for (int i = 0; i < N; i++) {
      b.putFloat(i == 2 * SR ? Float.NaN : (float) (0.4 * Math.sin(2 * Math.PI * 440.0 * i / SR)));
    }
    Files.write(bad, b.array());
    FileFeatureExtractor streaming = new FileFeatureExtractor(Map.of(), FEATURES, Configuration::new, 10_000);
    FileFeatureExtractor.Decoded failed = streaming.decode(streaming.scan(bad.toString()));
    assertNotNull(failed.finished());
    assertNotNull(failed.finished().error(), "a NaN sample fails the file");
    checkStreamedEqualsInMemory(good, streaming);
  }

  @Test
  void longFiles_throughTheAudioSourceOnAnotherFileSystem_areStreamedWithTheInMemoryRows() throws IOException {
    Path dir = Files.createDirectories(work.resolve("clips"));
    writePcm16(dir.resolve("long.wav"), false);
    writePcm16(dir.resolve("streaming-writer.wav"), true);
    FileFeatureExtractor streaming =
        new FileFeatureExtractor(Map.of(), FEATURES, NonLocalTestFileSystem::conf, 10_000);
    FileFeatureExtractor inMemory = new FileFeatureExtractor(Map.of(), FEATURES, Configuration::new, Long.MAX_VALUE);
    SparkSession spark = SparkSession.builder().master("local[2]").appName("LongFileStreamingTest")
        .config("spark.ui.enabled", "false")
        .config("spark." + "hadoop." + NonLocalTestFileSystem.IMPL_KEY, NonLocalTestFileSystem.class.getName())
        .getOrCreate();
    try {
      LongAccumulator decoded = spark.sparkContext().longAccumulator();
      List<Row> rows = FeatureExtraction.extract(spark, List.of(NonLocalTestFileSystem.uri(dir)),
          ExtractMode.FAILFAST, streaming, decoded).map(f -> ExtractSchema.toRow(f, FEATURES)).collect();
      assertEquals(2, rows.size());
      assertEquals(2, decoded.value());
      for (Row streamed : rows) {
        String path = streamed.getString(0);
        assertTrue(path.startsWith(NonLocalTestFileSystem.SCHEME + ":/"), path);
        assertTrue(streamed.isNullAt(5), path + ": " + streamed.get(5));
        String name = path.substring(path.lastIndexOf('/') + 1);
        ExtractedFile reference = inMemory.extract(dir.resolve(name).toString());
        assertEquals((long) N, streamed.getLong(3), name);
        for (int i = 0; i < FEATURES.size(); i++) {
          float[][] frames = (float[][]) streamed.get(6 + i);
          float[] flat = new float[frames.length * frames[0].length];
          for (int t = 0; t < frames.length; t++) {
            System.arraycopy(frames[t], 0, flat, t * frames[t].length, frames[t].length);
          }
          assertArrayEquals(reference.features().get(FEATURES.get(i)).data(), flat, 1e-4f,
              name + " " + FEATURES.get(i).featureName());
        }
      }
    } finally {
      spark.stop();
    }
  }

  private void checkStreamedEqualsInMemory(Path wav) {
    checkStreamedEqualsInMemory(wav, new FileFeatureExtractor(Map.of(), FEATURES, Configuration::new, 10_000));
  }

  private void checkStreamedEqualsInMemory(Path wav, FileFeatureExtractor streaming) {
    FileFeatureExtractor inMemory = new FileFeatureExtractor(Map.of(), FEATURES, Configuration::new, Long.MAX_VALUE);

    FileFeatureExtractor.Decoded d = streaming.decode(streaming.scan(wav.toString()));
    assertNull(d.audio(), "a long file must not be decoded into memory");
    ExtractedFile streamed = d.finished();
    assertNotNull(streamed);
    assertTrue(streamed.ok(), String.valueOf(streamed.error()));

    ExtractedFile reference = inMemory.extract(wav.toString());
    assertTrue(reference.ok(), String.valueOf(reference.error()));
    assertEquals(N, reference.numSamples());
    assertEquals(reference.numSamples(), streamed.numSamples());
    assertEquals(reference.sampleRate(), streamed.sampleRate());
    assertEquals(reference.durationSec(), streamed.durationSec(), 1e-12);
    for (Feature f : FEATURES) {
      assertArrayEquals(reference.features().get(f).data(), streamed.features().get(f).data(), 1e-4f,
          f.featureName());
    }
  }

  /** A mono PCM16 WAV of a chord with noise; {@code undeclared} writes the streaming writers' 0xFFFFFFFF sizes. */
  private static Path writePcm16(Path file, boolean undeclared) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * N).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(undeclared ? -1 : 36 + 2 * N).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(SR).putInt(2 * SR)
        .putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes()).putInt(undeclared ? -1 : 2 * N);
    java.util.Random noise = new java.util.Random(7);
    for (int i = 0; i < N; i++) {
      double t = (double) i / SR;
      double v = 0.3 * Math.sin(2 * Math.PI * 220 * t) + 0.2 * Math.sin(2 * Math.PI * 277.2 * t)
          + 0.2 * Math.sin(2 * Math.PI * 329.6 * t) + 0.02 * noise.nextGaussian();
      b.putShort((short) Math.round(Math.max(-1, Math.min(1, v)) * 32767));
    }
    Files.write(file, b.array());
    return file;
  }
}

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noodlevision.audio.features.Feature;

/**
 * Files longer than the streaming threshold (or of undeclared length) are computed from a re-opened stream, never
 * decoded whole, and give the same row as the in-memory path: same features, same sample count.
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

  private void checkStreamedEqualsInMemory(Path wav) {
    FileFeatureExtractor streaming = new FileFeatureExtractor(Map.of(), FEATURES, 10_000);
    FileFeatureExtractor inMemory = new FileFeatureExtractor(Map.of(), FEATURES, Long.MAX_VALUE);

    FileFeatureExtractor.Decoded d = streaming.decode(wav.toString());
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

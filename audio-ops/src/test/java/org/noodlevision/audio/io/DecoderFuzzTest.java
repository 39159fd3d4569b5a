package org.noodlevision.audio.io;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz target over the decoders: for any bytes, decoding either succeeds (with a sane result) or throws
 * {@link AudioDecodeException}; any other exception, an OutOfMemoryError or a per-input time-out (10 s under
 * {@code -Pfuzz}) is a finding.
 *
 * <p>Plain {@code mvn test} replays the seed corpus in {@code DecoderFuzzTestInputs/decode} (a bounded regression
 * run). {@code -Pfuzz} sets {@code JAZZER_FUZZ=1} and fuzzes for {@code fuzz.seconds} (default 300 s).
 */
class DecoderFuzzTest {
  @FuzzTest(maxDuration = "60s")
  void decode(byte[] data) {
    try {
      DecodedAudio audio = AudioDecoders.decode(data, "fuzz-input");
      if (audio.sampleRate() <= 0 || audio.channels() <= 0 || audio.samples() == null) {
        throw new IllegalStateException("decoded an invalid clip: " + audio.sampleRate() + " Hz, " + audio.channels()
            + " channels");
      }
    } catch (AudioDecodeException expected) {
      if (!"fuzz-input".equals(expected.source())) {
        throw new IllegalStateException("error does not name its source", expected);
      }
    }
    try (AudioStream s = AudioDecoders.open(data, "fuzz-input")) {
      float[] buf = new float[333];
      while (s.read(buf, 0, buf.length) >= 0) {
        // drain through the streaming path too
      }
    } catch (AudioDecodeException expected) {
      // the typed error is the only allowed failure
    }
  }
}

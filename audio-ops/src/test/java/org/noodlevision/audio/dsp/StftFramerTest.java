package org.noodlevision.audio.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Frames from chunked pushes equal frames cut from the explicitly padded signal (numpy pad semantics). */
class StftFramerTest {
  @ParameterizedTest(name = "n={0} nFft={1} hop={2} reflect={3} chunk={4}")
  @CsvSource({"1000,2048,512,false,7", "1000,64,16,true,1", "5,16,4,true,3", "1,8,2,true,1", "3000,512,160,true,777",
      "3000,512,700,false,100", "3000,512,700,true,4096", "0,8,2,false,1", "100,32,8,true,100"})
  void matchesPaddedSignal(int n, int nFft, int hop, boolean reflect, int chunk) {
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      y[i] = (float) Math.sin(0.37 * i) + i * 1e-3f;
    }
    int pad = nFft / 2;
    float[] padded = new float[n + 2 * pad];
    for (int i = 0; i < padded.length; i++) {
      padded[i] = numpyPad(y, i - pad, reflect);
    }
    List<float[]> expected = new ArrayList<>();
    for (int s = 0; s + nFft <= padded.length; s += hop) {
      expected.add(Arrays.copyOfRange(padded, s, s + nFft));
    }
    StftFramer framer = new StftFramer(nFft, hop, true, reflect);
    List<float[]> got = new ArrayList<>();
    FrameConsumer c = (i, buf, off) -> got.add(Arrays.copyOfRange(buf, off, off + nFft));
    for (int off = 0; off < n; off += chunk) {
      framer.push(y, off, Math.min(chunk, n - off), c);
    }
    framer.finish(c);
    assertEquals(expected.size(), got.size(), "frame count");
    assertEquals(StftFramer.numFrames(n, nFft, hop, true), got.size());
    for (int t = 0; t < got.size(); t++) {
      assertArrayEquals(expected.get(t), got.get(t), "frame " + t);
    }
  }

  /** numpy.pad constant (0) or reflect (mirror without repeating the edge, repeated for short signals). */
  private static float numpyPad(float[] y, int i, boolean reflect) {
    int n = y.length;
    if (i >= 0 && i < n) {
      return y[i];
    }
    if (!reflect) {
      return 0f;
    }
    if (n == 1) {
      return y[0];
    }
    int period = 2 * (n - 1);
    int j = Math.floorMod(i, period);
    return j < n ? y[j] : y[period - j];
  }
}

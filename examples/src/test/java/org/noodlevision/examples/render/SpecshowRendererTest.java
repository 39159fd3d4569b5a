package org.noodlevision.examples.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureMatrix;
import org.noodlevision.audio.features.FeatureParams;

/** The display transform as specshow shows librosa's dB with ref=np.max, applied without a copy of the matrix. */
class SpecshowRendererTest {
  @Test
  void displayValues_areDbRelativeToTheMaximum_flooredAt80_orTheValuesThemselves() {
    // data {2, 0.2, 0, 2e-4}: its maximum, 2, is the reference
    SpecshowRenderer.Display magnitude = SpecshowRenderer.Display.of(Feature.SPECTROGRAM, 2);
    assertEquals(0f, magnitude.value(2f), 1e-6f);
    assertEquals(-20f, magnitude.value(0.2f), 1e-5f);
    assertEquals(-80f, magnitude.value(2e-4f), 1e-4f);
    assertEquals(-80f, magnitude.value(0f), 0f, "floored 80 dB below the maximum");
    SpecshowRenderer.Display power = SpecshowRenderer.Display.of(Feature.MEL_SPECTROGRAM, 2);
    assertEquals(-10f, power.value(0.2f), 1e-5f);
    assertEquals(-1.5f, SpecshowRenderer.Display.of(Feature.MFCC, 2).value(-1.5f), 0f);
  }

  /**
   * Rendering reads the matrix as it is: a 3-hour spectrogram is 1.9 GB, and the displayed copy made before did not
   * fit in bin/noodlevision's 2 GB heap. Here a 16 MB matrix must cost less than itself to draw.
   */
  @Test
  void render_allocatesNoCopyOfTheMatrix() {
    int frames = 4000;
    int bins = 1025;
    float[] data = new float[frames * bins];
    for (int i = 0; i < data.length; i++) {
      data[i] = (i % 977) / 977f;
    }
    FeatureMatrix m = new FeatureMatrix(frames, bins, data);
    FeatureParams params = FeatureParams.defaults();
    SpecshowRenderer.render(m, Feature.SPECTROGRAM, 22050, params, 800, 300, "warm-up");
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = bean.getCurrentThreadAllocatedBytes();
    SpecshowRenderer.render(m, Feature.SPECTROGRAM, 22050, params, 800, 300, "matrix");
    long allocated = bean.getCurrentThreadAllocatedBytes() - before;
    assertTrue(allocated < 4L * data.length / 2, "allocated " + allocated + " bytes for a " + 4L * data.length
        + "-byte matrix");
  }
}

package org.noodlevision.examples.render;

/**
 * Colour maps as librosa.display.specshow picks them: {@link #MAGMA} (matplotlib's default for non-negative data)
 * and {@link #COOLWARM} (for data with both signs, e.g. MFCC). Piecewise-linear over a few anchor colours.
 */
enum ColorMap {
  MAGMA(new int[] {0x000004, 0x1c1044, 0x4f127b, 0x812581, 0xb5367a, 0xe55064, 0xfb8761, 0xfec287, 0xfcfdbf}),
  COOLWARM(new int[] {0x3b4cc0, 0x6282ea, 0x8db0fe, 0xb8d0f9, 0xdddcdc, 0xf5c4ad, 0xf49a7b, 0xe26952, 0xb40426});

  private final int[] anchors;

  ColorMap(int[] anchors) {
    this.anchors = anchors;
  }

  /** The RGB colour of {@code x} in [0, 1] (clamped to the map's ends). */
  int rgb(double x) {
    double pos = Math.max(0, Math.min(1, Double.isNaN(x) ? 0 : x)) * (anchors.length - 1);
    int i = Math.min((int) pos, anchors.length - 2);
    double f = pos - i;
    int a = anchors[i];
    int b = anchors[i + 1];
    int r = (int) Math.round(((a >> 16) & 0xff) * (1 - f) + ((b >> 16) & 0xff) * f);
    int g = (int) Math.round(((a >> 8) & 0xff) * (1 - f) + ((b >> 8) & 0xff) * f);
    int bl = (int) Math.round((a & 0xff) * (1 - f) + (b & 0xff) * f);
    return (r << 16) | (g << 8) | bl;
  }
}

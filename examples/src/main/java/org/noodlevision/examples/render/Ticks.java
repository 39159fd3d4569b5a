package org.noodlevision.examples.render;

import java.util.ArrayList;
import java.util.List;

/** "Nice" tick values (1, 2 or 5 times a power of ten) for an axis range. */
final class Ticks {
  private Ticks() {}

  /** About {@code target} ticks covering [lo, hi]. */
  static List<Double> nice(double lo, double hi, int target) {
    List<Double> out = new ArrayList<>();
    if (!(hi > lo)) {
      out.add(lo);
      return out;
    }
    double raw = (hi - lo) / Math.max(1, target);
    double pow = Math.pow(10, Math.floor(Math.log10(raw)));
    double step = raw / pow < 1.5 ? pow : raw / pow < 3.5 ? 2 * pow : raw / pow < 7.5 ? 5 * pow : 10 * pow;
    for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
      out.add(Math.abs(v) < step * 1e-9 ? 0.0 : v);
    }
    return out;
  }

  /** A short label: integers without decimals, else up to 2 decimals. */
  static String label(double v) {
    if (Math.abs(v - Math.rint(v)) < 1e-9) {
      return Long.toString(Math.round(v));
    }
    String s = String.format(java.util.Locale.ROOT, "%.2f", v);
    return s.replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}

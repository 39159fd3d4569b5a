package org.noodlevision.examples.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureMatrix;
import org.noodlevision.audio.features.FeatureParams;

/**
 * Draws one feature of one clip like {@code librosa.display.specshow} with a colour bar: time in seconds across,
 * frequency (Hz, mel-spaced Hz), pitch class or MFCC number up, lowest bin at the bottom. Magnitudes and powers are
 * shown in dB relative to the clip's maximum, floored 80 dB below it ({@code amplitude_to_db} / {@code power_to_db}
 * with {@code ref=np.max}); log-mel, MFCC and chroma as they are. Pure Java2D: works headless.
 */
public final class SpecshowRenderer {
  private static final int LEFT = 78;
  private static final int RIGHT = 96;
  private static final int TOP = 34;
  private static final int BOTTOM = 48;
  private static final double TOP_DB = 80.0;

  private SpecshowRenderer() {}

  /** The smallest image that leaves room for the plot. */
  public static final int MIN_WIDTH = LEFT + RIGHT + 64;
  public static final int MIN_HEIGHT = TOP + BOTTOM + 48;

  /**
   * Renders {@code matrix} ({@code [frame][bin]}) of {@code feature} into a {@code width x height} RGB image.
   *
   * @param title shown above the plot (e.g. the file name)
   */
  public static BufferedImage render(FeatureMatrix matrix, Feature feature, int sampleRate, FeatureParams params,
      int width, int height, String title) {
    if (width < MIN_WIDTH || height < MIN_HEIGHT) {
      throw new IllegalArgumentException("image of " + width + "x" + height + " is below the minimum "
          + MIN_WIDTH + "x" + MIN_HEIGHT);
    }
    // the display transform is monotonic, so the data's extremes give the colour range: no displayed copy is made
    // (a 3-hour spectrogram is 1.9 GB; a second array of it did not fit in bin/noodlevision's 2 GB heap), and one
    // pass over the data finds both them and the dB reference
    float[] data = matrix.data();
    double vmin = Double.POSITIVE_INFINITY;
    double vmax = Double.NEGATIVE_INFINITY;
    for (float v : data) {
      vmin = Math.min(vmin, v);
      vmax = Math.max(vmax, v);
    }
    Display display = Display.of(feature, Math.max(0, vmax));
    if (data.length == 0) {
      vmin = 0;
      vmax = 1;
    } else {
      vmin = display.value((float) vmin);
      vmax = display.value((float) vmax);
    }
    ColorMap cmap = ColorMap.MAGMA;
    if (vmin < 0 && vmax > 0 && feature == Feature.MFCC) {
      double m = Math.max(-vmin, vmax); // specshow centres diverging data on 0
      vmin = -m;
      vmax = m;
      cmap = ColorMap.COOLWARM;
    }
    if (vmax <= vmin) {
      vmax = vmin + 1;
    }

    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      int plotW = width - LEFT - RIGHT;
      int plotH = height - TOP - BOTTOM;
      drawMatrix(img, matrix, display, cmap, vmin, vmax, plotW, plotH);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.setColor(Color.BLACK);
      g.setStroke(new BasicStroke(1f));
      g.drawRect(LEFT - 1, TOP - 1, plotW + 1, plotH + 1);
      drawTimeAxis(g, matrix.numFrames(), params.hopLength(), sampleRate, plotW, plotH);
      drawFrequencyAxis(g, feature, matrix.numBins(), sampleRate, params, plotH);
      drawColorBar(g, cmap, vmin, vmax, unit(feature), width, plotH);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
      g.drawString(title, LEFT, TOP - 12);
    } finally {
      g.dispose();
    }
    return img;
  }

  /**
   * The values as displayed: dB relative to the maximum for magnitudes ({@code factor} 20) and powers (10), floored
   * {@link #TOP_DB} below it, as specshow shows librosa's {@code amplitude_to_db} / {@code power_to_db} with
   * {@code ref=np.max}; the values themselves for the other features ({@code factor} 0).
   */
  record Display(double factor, double amin, double ref) {
    /** The display of {@code feature} for data whose largest value (or 0, if larger) is {@code max}. */
    static Display of(Feature feature, double max) {
      double factor;
      switch (feature) {
        case SPECTROGRAM: factor = 20; break;
        case POWER_SPECTROGRAM: case MEL_SPECTROGRAM: factor = 10; break;
        default: return new Display(0, 0, 1);
      }
      double amin = factor == 20 ? 1e-5 : 1e-10;
      return new Display(factor, amin, Math.max(max, amin));
    }

    /** The displayed value of {@code v}; non-decreasing in {@code v}. */
    float value(float v) {
      if (factor == 0) {
        return v;
      }
      double db = factor * Math.log10(Math.max(amin, v) / ref);
      return (float) Math.max(db, -TOP_DB);
    }
  }

  private static String unit(Feature feature) {
    switch (feature) {
      case SPECTROGRAM: case POWER_SPECTROGRAM: case MEL_SPECTROGRAM: return "dB (ref max)";
      case LOG_MEL_SPECTROGRAM: return "dB";
      case CHROMA: return "";
      default: return "";
    }
  }

  private static void drawMatrix(BufferedImage img, FeatureMatrix m, Display display, ColorMap cmap, double vmin,
      double vmax, int plotW, int plotH) {
    float[] values = m.data();
    int frames = m.numFrames();
    int bins = m.numBins();
    if (frames == 0 || bins == 0) {
      return;
    }
    double span = vmax - vmin;
    for (int x = 0; x < plotW; x++) {
      int t = Math.min(frames - 1, (int) ((long) x * frames / plotW));
      for (int y = 0; y < plotH; y++) {
        int b = Math.min(bins - 1, (int) ((long) (plotH - 1 - y) * bins / plotH));
        img.setRGB(LEFT + x, TOP + y, cmap.rgb((display.value(values[t * bins + b]) - vmin) / span));
      }
    }
  }

  private static void drawTimeAxis(Graphics2D g, int frames, int hop, int sampleRate, int plotW, int plotH) {
    double seconds = (double) frames * hop / sampleRate;
    FontMetrics fm = g.getFontMetrics();
    int y0 = TOP + plotH;
    for (double s : Ticks.nice(0, seconds, Math.max(2, plotW / 90))) {
      int x = LEFT + (int) Math.round(s / seconds * plotW);
      g.drawLine(x, y0, x, y0 + 4);
      String label = Ticks.label(s);
      g.drawString(label, x - fm.stringWidth(label) / 2, y0 + 6 + fm.getAscent());
    }
    String title = "Time (s)";
    g.drawString(title, LEFT + (plotW - fm.stringWidth(title)) / 2, y0 + 10 + 2 * fm.getAscent());
  }

  private static void drawFrequencyAxis(Graphics2D g, Feature feature, int bins, int sampleRate,
      FeatureParams params, int plotH) {
    FontMetrics fm = g.getFontMetrics();
    int minGap = fm.getHeight();
    int lastY = Integer.MAX_VALUE;
    for (FrequencyAxis.Tick tick : FrequencyAxis.ticks(feature, bins, sampleRate, params)) {
      // bin coordinate b is the centre of bin b: (b + 0.5) of bins from the bottom
      int y = TOP + plotH - (int) Math.round((tick.bin() + 0.5) / bins * plotH);
      if (y < TOP || y > TOP + plotH || lastY - y < minGap) {
        continue;
      }
      lastY = y;
      g.drawLine(LEFT - 5, y, LEFT - 1, y);
      g.drawString(tick.label(), LEFT - 8 - fm.stringWidth(tick.label()), y + fm.getAscent() / 2 - 1);
    }
    drawRotated(g, FrequencyAxis.title(feature), 16, TOP + plotH / 2);
  }

  private static void drawColorBar(Graphics2D g, ColorMap cmap, double vmin, double vmax, String unit, int width,
      int plotH) {
    int x0 = width - RIGHT + 16;
    int barW = 16;
    for (int y = 0; y < plotH; y++) {
      g.setColor(new Color(cmap.rgb(1.0 - (double) y / Math.max(1, plotH - 1))));
      g.drawLine(x0, TOP + y, x0 + barW - 1, TOP + y);
    }
    g.setColor(Color.BLACK);
    g.drawRect(x0 - 1, TOP - 1, barW + 1, plotH + 1);
    FontMetrics fm = g.getFontMetrics();
    for (double v : Ticks.nice(vmin, vmax, 5)) {
      int y = TOP + plotH - 1 - (int) Math.round((v - vmin) / (vmax - vmin) * (plotH - 1));
      g.drawLine(x0 + barW, y, x0 + barW + 4, y);
      g.drawString(Ticks.label(v), x0 + barW + 7, y + fm.getAscent() / 2 - 1);
    }
    if (!unit.isEmpty()) {
      drawRotated(g, unit, width - 8, TOP + plotH / 2);
    }
  }

  private static void drawRotated(Graphics2D g, String text, int x, int yCentre) {
    AffineTransform saved = g.getTransform();
    g.translate(x, yCentre + g.getFontMetrics().stringWidth(text) / 2);
    g.rotate(-Math.PI / 2);
    g.drawString(text, 0, 0);
    g.setTransform(saved);
  }
}

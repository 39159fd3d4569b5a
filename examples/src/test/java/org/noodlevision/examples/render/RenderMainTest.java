package org.noodlevision.examples.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@code render} writes a valid PNG of the requested size whose plot shows the feature, not a blank. */
class RenderMainTest {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  @TempDir Path work;

  static Path speech() {
    String dir = System.getProperty("noodlevision.project.dir");
    Path root = dir != null ? Paths.get(dir) : Paths.get("").toAbsolutePath().getParent();
    return root.resolve("examples/audio/speech/sentence_22050.wav");
  }

  @ParameterizedTest
  @ValueSource(strings = {"spectrogram", "power_spectrogram", "mel_spectrogram", "log_mel_spectrogram", "mfcc",
      "chroma"})
  void render_writesPngOfRequestedSize_withNonTrivialPlot(String feature) throws IOException {
    Path png = work.resolve(feature + ".png");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = RenderMain.run(new String[] {"--input", speech().toString(), "--feature", feature, "--output",
        png.toString(), "--width", "640", "--height", "300"}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    byte[] bytes = Files.readAllBytes(png);
    assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, 8), "PNG signature");
    BufferedImage img = ImageIO.read(png.toFile());
    assertNotNull(img, "ImageIO decodes it");
    assertEquals(640, img.getWidth());
    assertEquals(300, img.getHeight());
    // the plot area (inside the axes) holds many colours, and its left and right halves differ (speech varies)
    Set<Integer> colours = new HashSet<>();
    long left = 0;
    long right = 0;
    for (int y = 60; y < 220; y++) {
      for (int x = 100; x < 500; x++) {
        int rgb = img.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        if (x < 300) {
          left += rgb & 0xff;
        } else {
          right += rgb & 0xff;
        }
      }
    }
    assertTrue(colours.size() > 40, feature + ": only " + colours.size() + " colours in the plot");
    assertTrue(left != right, feature + ": plot halves identical");
  }

  @Test
  void badFeature_exit2_namesFlag() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = RenderMain.run(new String[] {"--input", speech().toString(), "--feature", "loudness", "--output",
        work.resolve("x.png").toString()}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, status);
    String line = err.toString(StandardCharsets.UTF_8).strip();
    assertFalse(line.contains("\n"));
    assertTrue(line.contains("'--feature'") && line.contains("chroma"), line);
    assertFalse(Files.exists(work.resolve("x.png")));
  }

  @Test
  void brokenAudio_exit1_namesFile() throws IOException {
    Path bad = Files.writeString(work.resolve("bad.wav"), "RIFF0000WAVEjunk");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = RenderMain.run(new String[] {"--input", bad.toString(), "--output",
        work.resolve("bad.png").toString()}, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, status);
    assertTrue(err.toString(StandardCharsets.UTF_8).contains(bad.toString()));
  }
}

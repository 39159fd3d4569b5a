package org.noodlevision.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.audio.io.NpyReader;

/** The GPU's host-side tables equal librosa 0.11's filter banks and windows (reference filters/*.npy). */
class HostFilterBanksTest {
  private static Path filters() {
    String dir = System.getProperty("noodlevision.reference.dir");
    Path p = dir == null ? null : Path.of(dir, "filters");
    assumeTrue(p != null && Files.isDirectory(p), "librosa reference filters not found under " + dir);
    return p;
  }

  private static double maxDiff(float[][] got, NpyReader.NpyArray ref) {
    assertEquals(ref.rows(), got.length);
    assertEquals(ref.cols(), got[0].length);
    double worst = 0;
    for (int i = 0; i < got.length; i++) {
      for (int j = 0; j < got[i].length; j++) {
        worst = Math.max(worst, Math.abs(got[i][j] - ref.get(i, j)));
      }
    }
    return worst;
  }

  @Test
  void melBank_equalsLibrosa_atEverySampleRate() throws Exception {
    Path f = filters();
    for (int sr : new int[] {16000, 22050, 44100, 48000, 96000}) {
      NpyReader.NpyArray ref = NpyReader.read(f.resolve("mel_sr" + sr + "_nfft2048_nmels128.npy"));
      double d = maxDiff(HostFilterBanks.mel(FeatureParams.defaults(), sr), ref);
      assertTrue(d <= 1e-9, "mel sr=" + sr + " max diff " + d);
    }
    NpyReader.NpyArray ref = NpyReader.read(f.resolve("mel_sr16000_nfft512_nmels40.npy"));
    double d = maxDiff(HostFilterBanks.mel(FeatureParams.builder().nFft(512).nMels(40).build(), 16000), ref);
    assertTrue(d <= 1e-9, "mel 16k/512/40 max diff " + d);
  }

  @Test
  void chromaBank_equalsLibrosa_atEverySampleRate() throws Exception {
    Path f = filters();
    for (int sr : new int[] {16000, 22050, 44100, 48000, 96000}) {
      NpyReader.NpyArray ref = NpyReader.read(f.resolve("chroma_sr" + sr + "_nfft2048_tuning0.npy"));
      double d = maxDiff(HostFilterBanks.chroma(sr, 2048, 0.0, 12), ref);
      assertTrue(d <= 1e-7, "chroma sr=" + sr + " max diff " + d);
    }
  }

  @Test
  void hannWindow_periodicAndCentred_equalsScipyInFloat32() throws Exception {
    Path f = filters();
    NpyReader.NpyArray full = NpyReader.read(f.resolve("hann_periodic_2048.npy"));
    NpyReader.NpyArray padded = NpyReader.read(f.resolve("hann_periodic_400_padded_512.npy"));
    double[] w = HostFilterBanks.window(2048, 2048);
    double[] wp = HostFilterBanks.window(512, 400);
    for (int i = 0; i < w.length; i++) {
      assertEquals((float) full.values()[i], (float) w[i], "hann 2048 at " + i);
    }
    for (int i = 0; i < wp.length; i++) {
      assertEquals((float) padded.values()[i], (float) wp[i], "hann 400 in 512 at " + i);
    }
  }

  @Test
  void tuningEdges_areNumpyLinspace() {
    double[] e = HostFilterBanks.tuningEdges();
    assertEquals(101, e.length);
    assertEquals(-0.5, e[0]);
    assertEquals(0.0, e[50]);
    assertEquals(0.5, e[100]);
    assertEquals(0.020000000000000018, e[52]);
  }
}

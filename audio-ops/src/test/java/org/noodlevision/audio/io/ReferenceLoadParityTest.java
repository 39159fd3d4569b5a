package org.noodlevision.audio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Every reference WAV (PCM16 mono and the stereo 48 kHz file) decodes bit for bit to what librosa.load returns, as
 * recomputed independently with NumPy by {@code reference-load/make_fixture.py} (SHA-256 of the float32 samples).
 */
class ReferenceLoadParityTest {
  @Test
  void referenceWavs_decodeBitIdenticalToLibrosaLoad() throws IOException, NoSuchAlgorithmException {
    String dir = System.getProperty("noodlevision.reference.dir");
    assumeTrue(dir != null && Files.isDirectory(Path.of(dir, "audio")),
        "librosa reference data not found (system property noodlevision.reference.dir=" + dir + "); skipping");
    int checked = 0;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        ReferenceLoadParityTest.class.getResourceAsStream("/reference-load/loaded_sha256.txt"),
        StandardCharsets.US_ASCII))) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split(" ");
        DecodedAudio a = AudioDecoders.decode(Path.of(dir, "audio", f[0]));
        assertEquals(Long.parseLong(f[1]), a.samples().length, f[0]);
        assertEquals(f[2], sha256(a.samples()), f[0] + ": decoded samples differ from librosa.load's");
        checked++;
      }
    }
    assertEquals(11, checked);
  }

  private static String sha256(float[] samples) throws NoSuchAlgorithmException {
    ByteBuffer b = ByteBuffer.allocate(samples.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(samples);
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
  }
}

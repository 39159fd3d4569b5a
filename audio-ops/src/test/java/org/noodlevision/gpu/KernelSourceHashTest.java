package org.noodlevision.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The committed kernels.fatbin was built from the committed CUDA sources (recorded SHA-256 matches). */
class KernelSourceHashTest {
  @Test
  void committedFatbin_recordsTheHashOfTheCommittedSources() throws Exception {
    Path src = Path.of("src/main/cuda/noodle_features.cu");
    assertTrue(Files.exists(src), "run from the audio-ops module directory; missing " + src.toAbsolutePath());
    String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(src)));
    byte[] recorded = CudaDevice.readResource(CudaDevice.SOURCE_HASH_RESOURCE);
    assertEquals(actual, new String(recorded, StandardCharsets.US_ASCII).trim(),
        "kernels.fatbin is stale: run audio-ops/src/main/cuda/build-kernels.sh (needs nvcc) and commit the result");
    byte[] fatbin = CudaDevice.readResource(CudaDevice.FATBIN_RESOURCE);
    assertTrue(fatbin.length > 1024, "kernels.fatbin is empty");
    // fatbin container magic 0xBA55ED50, little-endian
    assertEquals(0x50, fatbin[0] & 0xff);
    assertEquals(0xED, fatbin[1] & 0xff);
    assertEquals(0x55, fatbin[2] & 0xff);
    assertEquals(0xBA, fatbin[3] & 0xff);
  }
}

package org.noodlevision.examples.extract.parquet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes of any size, cut into slices for the file channel, land whole and in order, and the position counts them. */
class LocalPositionOutputStreamTest {
  @TempDir
  Path dir;

  @Test
  void largeAndSmallWrites_landInOrder_andThePositionCountsEveryByte() throws IOException {
    byte[] data = new byte[(7 << 20) / 2 + 12_345]; // 3.5 MiB and a bit: several 1 MiB slices and a partial one
    new Random(3).nextBytes(data);
    Path file = dir.resolve("out.bin");
    try (LocalPositionOutputStream out = LocalPositionOutputStream.create(file, false)) {
      out.write(data[0]);
      out.write(data, 1, 100);
      out.write(data, 101, data.length - 101 - 5000);
      assertEquals(data.length - 5000, out.getPos());
      out.write(data, data.length - 5000, 5000);
      assertEquals(data.length, out.getPos());
    }
    assertArrayEquals(data, Files.readAllBytes(file));
  }
}

package org.noodlevision.audio.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.noodlevision.NoodleVisionException;

/** .npy parsing: both dtypes, shapes, and typed errors for malformed or unsupported files. */
class NpyReaderTest {
  private static byte[] npy(String descr, String shape, boolean fortran, int valueBytes, int declaredLen) {
    String header = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': ("
        + shape + "), }";
    StringBuilder h = new StringBuilder(header);
    while ((10 + h.length() + 1) % 64 != 0) {
      h.append(' ');
    }
    h.append('\n');
    byte[] hb = h.toString().getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer b = ByteBuffer.allocate(10 + hb.length + valueBytes).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
    b.putShort((short) (declaredLen < 0 ? hb.length : declaredLen));
    b.put(hb);
    return b.array();
  }

  @Test
  void readsFloat32AndFloat64() {
    byte[] f4 = npy("<f4", "2, 3", false, 24, -1);
    ByteBuffer v = ByteBuffer.wrap(f4).order(ByteOrder.LITTLE_ENDIAN);
    v.position(f4.length - 24);
    for (int i = 0; i < 6; i++) {
      v.putFloat(i + 0.5f);
    }
    NpyReader.NpyArray a = NpyReader.parse(f4, "a.npy");
    assertArrayEquals(new int[] {2, 3}, a.shape());
    assertEquals(3, a.cols());
    assertEquals(5.5, a.get(1, 2));
    assertTrue(a.float32());
    byte[] f8 = npy("<f8", "4,", false, 32, -1);
    ByteBuffer w = ByteBuffer.wrap(f8).order(ByteOrder.LITTLE_ENDIAN);
    w.position(f8.length - 32);
    for (int i = 0; i < 4; i++) {
      w.putDouble(i * 0.1);
    }
    NpyReader.NpyArray b = NpyReader.parse(f8, "b.npy");
    assertArrayEquals(new int[] {4}, b.shape());
    assertEquals(0.30000000000000004, b.values()[3]);
  }

  @Test
  void rejectsMalformedFilesWithTypedErrors() {
    assertTrue(assertThrows(NoodleVisionException.class, () -> NpyReader.parse(new byte[3], "x.npy"))
        .getMessage().contains("x.npy"));
    assertTrue(assertThrows(NoodleVisionException.class,
        () -> NpyReader.parse(npy("<i4", "2,", false, 8, -1), "i.npy")).getMessage().contains("<i4"));
    assertTrue(assertThrows(NoodleVisionException.class,
        () -> NpyReader.parse(npy("<f4", "2,", true, 8, -1), "f.npy")).getMessage().contains("Fortran"));
    assertTrue(assertThrows(NoodleVisionException.class,
        () -> NpyReader.parse(npy("<f4", "1000, 1000", false, 8, -1), "big.npy")).getMessage().contains("declares"));
    assertTrue(assertThrows(NoodleVisionException.class,
        () -> NpyReader.parse(npy("<f4", "2,", false, 8, 60000), "h.npy")).getMessage().contains("header"));
  }
}

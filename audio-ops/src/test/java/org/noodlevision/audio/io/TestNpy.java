package org.noodlevision.audio.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Minimal reader of the little-endian float32 C-order .npy test fixtures of this package. */
final class TestNpy {
  final int[] shape;
  final float[] data;

  private TestNpy(int[] shape, float[] data) {
    this.shape = shape;
    this.data = data;
  }

  static TestNpy load(String resource) throws IOException {
    byte[] bytes;
    try (InputStream in = TestNpy.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing test resource " + resource);
      }
      bytes = in.readAllBytes();
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int headerLen = Short.toUnsignedInt(buf.getShort(8));
    String header = new String(bytes, 10, headerLen, StandardCharsets.ISO_8859_1);
    if (!header.contains("'descr': '<f4'") || !header.contains("'fortran_order': False")) {
      throw new IOException(resource + ": expected <f4 C-order, got " + header);
    }
    Matcher m = Pattern.compile("'shape': \\(([^)]*)\\)").matcher(header);
    if (!m.find()) {
      throw new IOException(resource + ": no shape in " + header);
    }
    String[] parts = m.group(1).split(",");
    int count = 0;
    for (String p : parts) {
      if (!p.isBlank()) {
        count++;
      }
    }
    int[] shape = new int[count];
    int k = 0;
    long n = 1;
    for (String p : parts) {
      if (!p.isBlank()) {
        shape[k] = Integer.parseInt(p.trim());
        n *= shape[k++];
      }
    }
    float[] data = new float[(int) n];
    buf.position(10 + headerLen);
    buf.asFloatBuffer().get(data);
    return new TestNpy(shape, data);
  }
}

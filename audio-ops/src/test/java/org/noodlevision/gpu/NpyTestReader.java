package org.noodlevision.gpu;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Minimal .npy reader for the reference data (little-endian f4/f8, C order); test-only until NpyReader lands. */
final class NpyTestReader {
  final int[] shape;
  final double[] data;

  private NpyTestReader(int[] shape, double[] data) {
    this.shape = shape;
    this.data = data;
  }

  static NpyTestReader read(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    int major = b.get(6);
    int headerLen = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
    int start = major == 1 ? 10 : 12;
    String header = new String(b.array(), start, headerLen, StandardCharsets.US_ASCII);
    Matcher d = Pattern.compile("'descr': *'([<>|]?[a-z]\\d)'").matcher(header);
    Matcher s = Pattern.compile("'shape': *\\(([^)]*)\\)").matcher(header);
    if (!d.find() || !s.find() || header.contains("'fortran_order': True")) {
      throw new IOException(file + ": unsupported npy header " + header);
    }
    String[] dims = s.group(1).split(",");
    int count = 0;
    int[] shape = new int[dims.length];
    long n = 1;
    for (String dim : dims) {
      if (!dim.isBlank()) {
        shape[count] = Integer.parseInt(dim.trim());
        n *= shape[count++];
      }
    }
    int[] sh = java.util.Arrays.copyOf(shape, count);
    b.position(start + headerLen);
    double[] v = new double[(int) n];
    String descr = d.group(1);
    for (int i = 0; i < n; i++) {
      v[i] = descr.endsWith("f8") ? b.getDouble() : b.getFloat();
    }
    return new NpyTestReader(sh, v);
  }
}

package org.noodlevision.audio.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.noodlevision.NoodleVisionException;

/**
 * Reads NumPy {@code .npy} files (format 1.x/2.x/3.x) holding little-endian {@code <f4} or {@code <f8} values in C
 * order, e.g. the librosa reference arrays. Malformed or unsupported files raise {@link NoodleVisionException} naming
 * the file.
 */
public final class NpyReader {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private NpyReader() {}

  /** An array read from a .npy file: its shape and values as float64 (exact for both dtypes). */
  public record NpyArray(int[] shape, double[] values, boolean float32) {
    /** Number of rows (first dimension; 1 for 0-d and 1-d arrays has shape[0] as its length). */
    public int rows() {
      return shape.length == 0 ? 1 : shape[0];
    }

    /** Product of the dimensions after the first. */
    public int cols() {
      int c = 1;
      for (int i = 1; i < shape.length; i++) {
        c *= shape[i];
      }
      return c;
    }

    /** Value at (row, col) of a 2-d array. */
    public double get(int row, int col) {
      return values[row * cols() + col];
    }

    /** The values as float32. */
    public float[] toFloats() {
      float[] f = new float[values.length];
      for (int i = 0; i < f.length; i++) {
        f[i] = (float) values[i];
      }
      return f;
    }
  }

  /** Reads a file. */
  public static NpyArray read(Path path) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new NoodleVisionException("Cannot read .npy file " + path + ": " + e.getMessage(), e);
    }
    return parse(bytes, String.valueOf(path));
  }

  /** Parses in-memory .npy bytes; {@code source} names them in errors. */
  public static NpyArray parse(byte[] bytes, String source) {
    if (bytes.length < 10) {
      throw bad(source, "shorter than a .npy header");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        throw bad(source, "missing the \\x93NUMPY magic");
      }
    }
    int major = bytes[6] & 0xff;
    ByteBuffer bb = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long headerLen;
    int headerStart;
    if (major == 1) {
      headerLen = bb.getShort(8) & 0xffff;
      headerStart = 10;
    } else if (major == 2 || major == 3) {
      if (bytes.length < 12) {
        throw bad(source, "truncated header");
      }
      headerLen = bb.getInt(8) & 0xffffffffL;
      headerStart = 12;
    } else {
      throw bad(source, "unsupported format version " + major + " (supported: 1, 2, 3)");
    }
    if (headerStart + headerLen > bytes.length) {
      throw bad(source, "header of " + headerLen + " bytes exceeds the file");
    }
    String header = new String(bytes, headerStart, (int) headerLen, StandardCharsets.ISO_8859_1);
    String descr = group(DESCR, header, source, "descr");
    boolean fortran = "True".equals(group(FORTRAN, header, source, "fortran_order"));
    if (fortran) {
      throw bad(source, "Fortran order is not supported (supported: C order)");
    }
    int elementSize;
    if (descr.equals("<f4")) {
      elementSize = 4;
    } else if (descr.equals("<f8")) {
      elementSize = 8;
    } else {
      throw bad(source, "dtype " + descr + " is not supported (supported: <f4, <f8)");
    }
    List<Integer> dims = new ArrayList<>();
    for (String part : group(SHAPE, header, source, "shape").split(",")) {
      String t = part.trim();
      if (!t.isEmpty()) {
        try {
          dims.add(Integer.parseInt(t.endsWith("L") ? t.substring(0, t.length() - 1) : t));
        } catch (NumberFormatException e) {
          throw bad(source, "bad shape entry '" + t + "'");
        }
      }
    }
    int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
    long count = 1;
    for (int d : shape) {
      if (d < 0) {
        throw bad(source, "negative dimension " + d);
      }
      count *= d;
    }
    long dataStart = headerStart + headerLen;
    if (count * elementSize > bytes.length - dataStart) {
      throw bad(source, "declares " + count + " values but holds " + (bytes.length - dataStart) / elementSize);
    }
    double[] values = new double[(int) count];
    bb.position((int) dataStart);
    for (int i = 0; i < count; i++) {
      values[i] = elementSize == 4 ? bb.getFloat() : bb.getDouble();
    }
    return new NpyArray(shape, values, elementSize == 4);
  }

  private static String group(Pattern p, String header, String source, String field) {
    Matcher m = p.matcher(header);
    if (!m.find()) {
      throw bad(source, "header lacks '" + field + "'");
    }
    return m.group(1);
  }

  private static NoodleVisionException bad(String source, String what) {
    return new NoodleVisionException("Malformed .npy file " + source + ": " + what + ".");
  }
}

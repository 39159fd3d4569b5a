package org.noodlevision.audio.dsp.vector;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.Locale;
import sun.misc.Unsafe;

/**
 * Where a heap array's first element on a 64-byte cache-line boundary lies, so that 512-bit vector loads and stores
 * starting there never straddle two lines. The JVM aligns objects to 8 bytes only (and the GC moves them), and a
 * straddling load or store costs about twice an aligned one: a loop of aligned vector loads and stores over two
 * L1-resident double arrays ran 2.2 times faster than the same loop one element further on, and MFCC alone 15% faster
 * with the FFT's buffers aligned (docs/benchmarks-engine.md).
 *
 * <p>The address comes from the array's reference as HotSpot stores it ({@code sun.misc.Unsafe}, as Spark's
 * {@code Platform} and Arrow's {@code MemoryUtil} use it): the raw address with 8-byte references, otherwise the
 * compressed reference scaled by the encoding's shift, which is inferred once from objects allocated one after the
 * other. Nothing is ever read or written at the computed address: it only picks an index, so a wrong answer can cost
 * speed, never correctness. Callers ask again before each use (a GC may have moved the array since) and keep the
 * answer while they work. Off when {@value #PROPERTY} is {@code false}, when the encoding is not recognised, and on
 * JDK 24 and later (which warn on Unsafe's memory access): {@link #firstAlignedIndex} then returns 0.
 */
final class CacheLineAlignment {
  /** System property: {@code false} turns the alignment off (an experiment's switch; on by default). */
  static final String PROPERTY = "noodlevision.simd.alignment";
  static final int LINE_BYTES = 64;
  private static final Unsafe UNSAFE;
  private static final long OBJECTS_BASE;
  private static final long DOUBLES_BASE;
  private static final long FLOATS_BASE;
  /** References in an Object[] are 8-byte addresses. */
  private static final boolean WIDE_REFERENCES;
  /** Compressed references: address = heap base (line-aligned) + (reference << SHIFT). */
  private static final int SHIFT;
  private static final boolean ENABLED;

  static {
    Unsafe unsafe = null;
    boolean wide = false;
    int shift = -1;
    boolean enabled = false;
    try {
      String setting = System.getProperty(PROPERTY, "true").trim().toLowerCase(Locale.ROOT);
      if (!setting.equals("false") && Runtime.version().feature() < 24) {
        Field field = Unsafe.class.getDeclaredField("theUnsafe");
        field.setAccessible(true);
        unsafe = (Unsafe) field.get(null);
        int scale = unsafe.arrayIndexScale(Object[].class);
        wide = scale == 8;
        if (scale == 4) {
          shift = compressedShift(unsafe, objectAlignment());
        }
        enabled = wide || shift >= 0;
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      enabled = false;
    }
    UNSAFE = enabled ? unsafe : null;
    WIDE_REFERENCES = wide;
    SHIFT = shift;
    ENABLED = enabled;
    OBJECTS_BASE = enabled ? unsafe.arrayBaseOffset(Object[].class) : 0;
    DOUBLES_BASE = enabled ? unsafe.arrayBaseOffset(double[].class) : 0;
    FLOATS_BASE = enabled ? unsafe.arrayBaseOffset(float[].class) : 0;
  }

  private CacheLineAlignment() {}

  /** Whether {@link #firstAlignedIndex} computes an index (false: it returns 0). */
  static boolean enabled() {
    return ENABLED;
  }

  /** The least index i < 8 with {@code a[i]} on a 64-byte boundary now; 0 when that is not known. */
  static int firstAlignedIndex(double[] a) {
    return ENABLED ? elementsToLine(address(a) + DOUBLES_BASE, Double.BYTES) : 0;
  }

  /** The least index i < 16 with {@code a[i]} on a 64-byte boundary now; 0 when that is not known. */
  static int firstAlignedIndex(float[] a) {
    return ENABLED ? elementsToLine(address(a) + FLOATS_BASE, Float.BYTES) : 0;
  }

  /** Elements of {@code elementBytes} from the one at {@code dataAddress} to the next 64-byte boundary (0: on one). */
  private static int elementsToLine(long dataAddress, int elementBytes) {
    long misalignment = dataAddress & (LINE_BYTES - 1);
    return (int) (((LINE_BYTES - misalignment) & (LINE_BYTES - 1)) / elementBytes);
  }

  /** The object's address modulo the line as far as it matters: exact with 8-byte references. */
  private static long address(Object o) {
    Object[] holder = {o};
    if (WIDE_REFERENCES) {
      return UNSAFE.getLong(holder, OBJECTS_BASE);
    }
    return (UNSAFE.getInt(holder, OBJECTS_BASE) & 0xffffffffL) << SHIFT;
  }

  /** {@code -XX:ObjectAlignmentInBytes} (8 unless set), from HotSpot's diagnostic bean; 8 when unavailable. */
  private static int objectAlignment() {
    try {
      String value = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
          .getVMOption("ObjectAlignmentInBytes").getValue();
      return Integer.parseInt(value);
    } catch (RuntimeException | LinkageError e) {
      return 8;
    }
  }

  /**
   * The shift of the compressed-reference encoding: objects allocated one after the other lie one object size
   * apart, so their references differ by the size (unscaled encoding, shift 0) or by the size over the object
   * alignment (shift log2 alignment). -1 when the differences say neither.
   */
  static int compressedShift(Unsafe unsafe, int objectAlignment) {
    int count = 33;
    Object[] objects = new Object[count];
    for (int i = 0; i < count; i++) {
      objects[i] = new Object();
    }
    long base = unsafe.arrayBaseOffset(Object[].class);
    long[] steps = new long[count - 1];
    long previous = unsafe.getInt(objects, base) & 0xffffffffL;
    for (int i = 1; i < count; i++) {
      long reference = unsafe.getInt(objects, base + 4L * i) & 0xffffffffL;
      steps[i - 1] = reference - previous;
      previous = reference;
    }
    return shiftFromSteps(steps, Math.max(16, objectAlignment), objectAlignment);
  }

  /**
   * The encoding's shift from the differences between consecutive references to objects of {@code objectSize}
   * bytes: the most common difference must be seen in more than half of them (allocation may jump, e.g. to a new
   * TLAB), and be {@code objectSize} (shift 0) or {@code objectSize / objectAlignment} (shift log2 of the alignment).
   */
  static int shiftFromSteps(long[] steps, int objectSize, int objectAlignment) {
    long[] sorted = steps.clone();
    Arrays.sort(sorted);
    long mode = sorted[0];
    int best = 0;
    for (int i = 0, run = 0; i < sorted.length; i++) {
      run = i > 0 && sorted[i] == sorted[i - 1] ? run + 1 : 1;
      if (run > best) {
        best = run;
        mode = sorted[i];
      }
    }
    if (2 * best <= sorted.length || Integer.bitCount(objectAlignment) != 1) {
      return -1;
    }
    if (mode == objectSize) {
      return 0;
    }
    if (mode * objectAlignment == objectSize) {
      return Integer.numberOfTrailingZeros(objectAlignment);
    }
    return -1;
  }
}

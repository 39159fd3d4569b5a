package org.noodlevision.audio.dsp.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.noodlevision.reliability.ForkedJvm;
import sun.misc.Unsafe;

/**
 * {@link CacheLineAlignment}: the encoding's shift from reference differences, and the index it finds checked in JVMs
 * whose objects all start on a 64-byte boundary ({@code -XX:ObjectAlignmentInBytes=64}), where the first aligned
 * element of every array is known from the array header's size alone, with compressed references (zero-based or
 * unscaled, by heap size) and without them.
 */
class CacheLineAlignmentTest {

  @Test
  void shiftFromSteps_recognisesEachEncoding_andRefusesTheRest() {
    assertEquals(3, CacheLineAlignment.shiftFromSteps(new long[] {2, 2, 2, 2, 200, 2}, 16, 8));
    assertEquals(0, CacheLineAlignment.shiftFromSteps(new long[] {16, 16, 16, -4000, 16}, 16, 8));
    assertEquals(4, CacheLineAlignment.shiftFromSteps(new long[] {1, 1, 1}, 16, 16));
    assertEquals(6, CacheLineAlignment.shiftFromSteps(new long[] {1, 1, 1}, 64, 64));
    // no majority, a difference that fits neither encoding, an alignment that is not a power of two
    assertEquals(-1, CacheLineAlignment.shiftFromSteps(new long[] {2, 2, 5, 5}, 16, 8));
    assertEquals(-1, CacheLineAlignment.shiftFromSteps(new long[] {4, 4, 4}, 16, 8));
    assertEquals(-1, CacheLineAlignment.shiftFromSteps(new long[] {2, 2, 2}, 16, 12));
  }

  @Test
  void inThisJvm_indicesAreWithinOneLine() {
    assertTrue(CacheLineAlignment.enabled() || Runtime.version().feature() >= 24, "alignment is off on JDK 17");
    for (int i = 0; i < 100; i++) {
      int d = CacheLineAlignment.firstAlignedIndex(new double[i + 1]);
      int f = CacheLineAlignment.firstAlignedIndex(new float[i + 1]);
      assertTrue(d >= 0 && d < 8 && f >= 0 && f < 16, "indices " + d + ", " + f);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"-Xmx256m", "-Xmx6g", "-XX:-UseCompressedOops"})
  void withObjectsOnLineBoundaries_theIndexIsTheHeadersComplement(String option, @TempDir Path dir) throws Exception {
    List<String> options = new ArrayList<>(List.of("-XX:ObjectAlignmentInBytes=64", "-Xms64m", option));
    ForkedJvm.Result result = ForkedJvm.run(options, Child.class, List.of(), dir.resolve("child.log"), 60);
    assertTrue(result.finished() && result.exitCode() == 0, option + ": " + result.output());
    assertTrue(result.output().contains("checked 400 arrays"), option + ": " + result.output());
  }

  /** Allocates arrays among garbage and compares each index with the one its header's size gives. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      Field field = Unsafe.class.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      Unsafe unsafe = (Unsafe) field.get(null);
      int doubles = (int) ((64 - unsafe.arrayBaseOffset(double[].class)) & 63) / Double.BYTES;
      int floats = (int) ((64 - unsafe.arrayBaseOffset(float[].class)) & 63) / Float.BYTES;
      if (!CacheLineAlignment.enabled()) {
        throw new AssertionError("alignment off");
      }
      List<Object> keep = new ArrayList<>();
      int checked = 0;
      for (int i = 0; i < 200; i++) {
        keep.add(new byte[i * 37 % 500]);
        double[] d = new double[1 + i * 13 % 3000];
        float[] f = new float[1 + i * 7 % 3000];
        keep.add(i % 3 == 0 ? d : f);
        if (i % 50 == 0) {
          System.gc(); // arrays kept across a GC move: asked again afterwards
        }
        int gotD = CacheLineAlignment.firstAlignedIndex(d);
        int gotF = CacheLineAlignment.firstAlignedIndex(f);
        if (gotD != doubles || gotF != floats) {
          throw new AssertionError("array " + i + ": " + gotD + " / " + gotF + ", expected " + doubles + " / "
              + floats);
        }
        checked += 2;
      }
      System.out.println("checked " + checked + " arrays");
    }
  }
}

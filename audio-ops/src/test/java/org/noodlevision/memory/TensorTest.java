package org.noodlevision.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.noodlevision.InvalidParameterException;

class TensorTest {
  private final MemoryManager manager =
      new MemoryManager(MemoryManagerConfig.builder().gpuMode(GpuMode.OFF).build());

  @AfterEach
  void close() {
    assertEquals(0, manager.shutdown().count(), "tests free what they allocate");
  }

  private Tensor cpu(DType dtype, long... shape) {
    return manager.allocateTensor(shape, dtype, false).orElseThrow();
  }

  @Test
  void shapeDtypeAndSizes() {
    try (Tensor t = cpu(DType.INT16, 3, 5, 7)) {
      assertArrayEquals(new long[] {3, 5, 7}, t.shape());
      assertEquals(105, t.size());
      assertEquals(210, t.byteSize());
      assertEquals(DType.INT16, t.dtype());
      assertEquals(Device.CPU, t.device());
      assertEquals(256, t.block().size());
    }
  }

  @Test
  void elementAccess_convertsPerDtype() {
    for (DType d : DType.values()) {
      try (Tensor t = cpu(d, 4)) {
        t.setDouble(2, 7.9);
        t.setFloat(3, -2.0f);
        double expected = d == DType.FLOAT32 ? (float) 7.9 : d == DType.FLOAT64 ? 7.9 : 7.0;
        assertEquals(expected, t.getDouble(2), 0.0, d.value());
        assertEquals(-2.0f, t.getFloat(3), d.value());
        assertThrows(IndexOutOfBoundsException.class, () -> t.getDouble(4));
      }
    }
  }

  @Test
  void bulkCopies_roundTrip() {
    float[] f = {1.5f, -2f, 3.25f, 0f, 1e-7f, 6f};
    try (Tensor t = cpu(DType.FLOAT32, 2, 3)) {
      t.copyFrom(f);
      assertArrayEquals(f, t.toFloatArray());
      assertEquals(3.25f, t.asFloatBuffer().get(2));
      double[] asD = t.toDoubleArray();
      assertEquals(1e-7f, (float) asD[4]);
      ByteBuffer out = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
      t.copyTo(out);
      assertEquals(-2f, out.getFloat(4));
      assertThrows(InvalidParameterException.class, () -> t.copyFrom(new float[5]));
    }
    double[] d = {Math.PI, Math.E, -1};
    try (Tensor t = cpu(DType.FLOAT64, 3)) {
      t.copyFrom(d);
      assertArrayEquals(d, t.toDoubleArray());
      t.copyFrom(new float[] {1f, 2f, 3f});
      assertArrayEquals(new double[] {1, 2, 3}, t.toDoubleArray());
    }
    try (Tensor t = cpu(DType.INT32, 3)) {
      t.copyFrom(new double[] {1.9, -2.9, 300});
      assertArrayEquals(new double[] {1, -2, 300}, t.toDoubleArray());
      ByteBuffer src = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(7).putInt(8).putInt(9).flip();
      t.copyFrom(src);
      assertArrayEquals(new float[] {7, 8, 9}, t.toFloatArray());
    }
  }

  @Test
  void copy_isAnIndependentTensorTheCallerOwns() {
    try (Tensor t = cpu(DType.FLOAT32, 16)) {
      t.zero();
      t.setFloat(5, 9f);
      try (Tensor c = t.copy()) {
        assertNotSame(t, c);
        assertEquals(9f, c.getFloat(5));
        c.setFloat(5, 1f);
        assertEquals(9f, t.getFloat(5));
      }
    }
  }

  @Test
  void doubleFree_andUseAfterFree_areClearErrors() {
    Tensor t = cpu(DType.FLOAT32, 10);
    manager.freeTensor(t);
    assertFalse(t.isLive());
    assertThrows(MemoryAlreadyFreedException.class, () -> manager.freeTensor(t));
    assertThrows(MemoryAlreadyFreedException.class, t::close);
    assertThrows(MemoryAlreadyFreedException.class, () -> t.getFloat(0));
    assertThrows(MemoryAlreadyFreedException.class, t::toFloatArray);
  }

  @Test
  void recycledMemory_getsAFreshHandle_soAStaleOneCannotTouchIt() {
    Tensor first = cpu(DType.FLOAT32, 64);
    first.close();
    Tensor second = cpu(DType.FLOAT32, 64);
    assertEquals(first.address(), second.address(), "BALANCED recycles the freed tensor");
    assertThrows(MemoryAlreadyFreedException.class, first::close);
    assertThrows(MemoryAlreadyFreedException.class, () -> first.setFloat(0, 1f));
    second.close();
  }

  @Test
  void badShapes_areTypedErrors() {
    assertThrows(InvalidParameterException.class, () -> manager.allocateTensor(new long[] {-1, 3}, DType.FLOAT32));
    assertThrows(InvalidParameterException.class,
        () -> manager.allocateTensor(new long[] {1L << 40, 1L << 40}, DType.FLOAT32));
  }

  @Test
  void tensorOfAnotherManager_isRefused() {
    try (MemoryManager other = new MemoryManager(MemoryManagerConfig.builder().gpuMode(GpuMode.OFF).build())) {
      Tensor t = other.allocateTensor(new long[] {4}, DType.FLOAT32).orElseThrow();
      assertThrows(IllegalArgumentException.class, () -> manager.freeTensor(t));
      t.close();
    }
  }
}

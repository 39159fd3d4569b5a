package org.noodlevision.memory;

import java.util.Arrays;

/** Cache key: shape, dtype and device. */
final class TensorKey {
  final long[] shape;
  final DType dtype;
  final Device device;
  private final int hash;

  TensorKey(long[] shape, DType dtype, Device device) {
    this.shape = shape.clone();
    this.dtype = dtype;
    this.device = device;
    this.hash = (Arrays.hashCode(shape) * 31 + dtype.hashCode()) * 31 + device.hashCode();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TensorKey)) {
      return false;
    }
    TensorKey k = (TensorKey) o;
    return dtype == k.dtype && device == k.device && Arrays.equals(shape, k.shape);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return Arrays.toString(shape) + " " + dtype.value() + " " + device;
  }
}

package org.noodlevision.gpu;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.noodlevision.InvalidParameterException;

/**
 * A batch of mono clips in page-locked host memory ({@code cuMemAllocHost}), the fastest input of
 * {@link GpuFeatureExtractor#computeToHost(PinnedSamples, int)}: the samples go to the device at full PCIe speed
 * with no intermediate copy. Fill it with {@link #addClip(float[])} or write into {@link #append(int)}.
 * Not thread-safe; {@link #close()} frees the memory.
 */
public final class PinnedSamples implements AutoCloseable {
  private final PinnedHostBuffer buffer;
  private final long capacityFloats;
  private long[] clipLength = new long[16];
  private int numClips;
  private long used;

  private PinnedSamples(long capacityFloats) {
    this.capacityFloats = capacityFloats;
    this.buffer = new PinnedHostBuffer("pinned samples");
    buffer.ensure(capacityFloats * Float.BYTES);
  }

  /** Allocates room for {@code capacityFloats} samples in total; needs a usable GPU. */
  public static PinnedSamples allocate(long capacityFloats) {
    CudaDevice.get().makeCurrent();
    if (capacityFloats < 1 || capacityFloats * Float.BYTES > Integer.MAX_VALUE) {
      throw new InvalidParameterException("capacityFloats", capacityFloats, "1 to " + (Integer.MAX_VALUE / 4));
    }
    return new PinnedSamples(capacityFloats);
  }

  /** Copies one clip in. */
  public void addClip(float[] samples) {
    append(samples.length).put(samples);
  }

  /** Reserves the next clip of {@code length} samples and returns the buffer to write it into. */
  public FloatBuffer append(int length) {
    if (used + length > capacityFloats) {
      throw new InvalidParameterException("clip length", length, "at most the remaining capacity "
          + (capacityFloats - used) + " samples of this PinnedSamples");
    }
    if (numClips == clipLength.length) {
      clipLength = Arrays.copyOf(clipLength, numClips * 2);
    }
    FloatBuffer view = buffer.bytes().position((int) (used * Float.BYTES)).limit((int) ((used + length) * Float.BYTES))
        .slice().order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
    clipLength[numClips++] = length;
    used += length;
    return view;
  }

  /** Forgets the clips (keeps the memory). */
  public void clear() {
    numClips = 0;
    used = 0;
  }

  public int numClips() {
    return numClips;
  }

  long[] clipLengths() {
    return Arrays.copyOf(clipLength, numClips);
  }

  PinnedHostBuffer buffer() {
    return buffer;
  }

  @Override
  public void close() {
    buffer.close();
  }
}

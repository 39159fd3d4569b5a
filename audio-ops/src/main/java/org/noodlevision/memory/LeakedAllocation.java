package org.noodlevision.memory;

import java.util.Arrays;

/**
 * One tensor that was still allocated when its owner or the manager was released.
 *
 * @param owner the owner set when it was allocated ({@link MemoryManager#UNATTRIBUTED} if none)
 * @param allocationSite the allocating stack, only with {@code debugAllocationSites}; else null
 */
public record LeakedAllocation(String owner, long[] shape, DType dtype, Device device, long bytes,
    double timestamp, String allocationSite) {

  @Override
  public String toString() {
    return "Tensor" + Arrays.toString(shape) + " " + dtype.value() + " on " + device + " (" + bytes + " bytes, owner "
        + owner + ")" + (allocationSite == null ? "" : " allocated at\n" + allocationSite);
  }
}

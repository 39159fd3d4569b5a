package org.noodlevision.audio.dsp;

import java.util.Locale;

/** Loads the {@code jdk.incubator.vector} kernels once, only when the module is present and SIMD is not off. */
final class SimdKernelsLoader {
  static final SimdKernels INSTANCE = load();

  private SimdKernelsLoader() {}

  private static SimdKernels load() {
    String setting = System.getProperty(SimdKernels.PROPERTY, "true").trim().toLowerCase(Locale.ROOT);
    if (setting.equals("false") || !ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
      return null;
    }
    try {
      // referenced by name so that this class (and callers) load without the module
      return (SimdKernels) Class.forName("org.noodlevision.audio.dsp.vector.VectorKernels")
          .getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }
}

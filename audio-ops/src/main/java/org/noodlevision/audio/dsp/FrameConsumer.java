package org.noodlevision.audio.dsp;

/** Receives each STFT frame of {@code n_fft} samples, in order. */
@FunctionalInterface
public interface FrameConsumer {
  /** {@code frame[off .. off + n_fft)} is frame {@code index}; valid only during the call. */
  void accept(long index, float[] frame, int off);
}

package org.noodlevision.audio.dsp;

/**
 * STFT of a batch of frames computed together, one frame per SIMD lane, with the float32 path's numbers: window
 * product and FFT in float64, spectrum rounded to complex64. Frames are windowed into the batch with {@link #add},
 * then {@link #compute} runs the real FFT of every frame at once and leaves magnitude, power and
 * (optionally) the mel projection of each frame, read back with {@link #magnitudeRows}, {@link #power} and
 * {@link #mel}. Obtained from {@link SimdKernels#newStftBatch}. Owns fixed buffers: not thread-safe, one per thread.
 */
public interface StftBatch {
  /** How many frames a batch holds. */
  int capacity();

  /** How many frames have been added since the last {@link #clear}. */
  int size();

  /**
   * Windows {@code frame[off .. off + n_fft)} into the next lane; requires {@code size() < capacity()}. The frames
   * of one batch must be consecutive frames of one signal, the batch's hop apart.
   */
  void add(float[] frame, int off);

  /**
   * Transforms the frames added: magnitude {@code |X|} and power {@code |X|^2} (float32, as librosa's
   * {@code np.abs(stft)**2}) of every bin and, when {@code withMel}, the mel projection of power or magnitude (as
   * chosen when the batch was made). Without {@code withMagnitude}, only power, without the square root:
   * {@code re^2 + im^2} of the float64 spectrum rounded once to float32, within an ulp of {@code float(|X|)^2};
   * {@link #magnitudeRows} and a mel projection of magnitude then must not be used.
   */
  void compute(boolean withMagnitude, boolean withMel);

  /**
   * Projects every lane's power through the transposed bank {@code weightsT} ({@code [bin][outRows]}), as
   * {@link SimdKernels#projectLanes} does: {@code out[c * capacity() + lane]}.
   */
  void projectPower(float[] weightsT, int outRows, float[] out);

  /** Copies every frame's magnitude, frame {@code f} to {@code rows[f * (n_fft / 2 + 1) ..]} (a tiled transpose). */
  void magnitudeRows(float[] rows);

  /** Copies frame {@code lane}'s power into {@code dst}. */
  void power(int lane, float[] dst);

  /**
   * {@code power_to_db} of every frame's mel projection (after {@link #compute} with mel), in float32 as librosa:
   * {@code 10 log10(max(amin, mel)) - refDb}; read with {@link #melDb(int, float[])}.
   */
  void computeMelDb(float amin, float refDb);

  /** Copies frame {@code lane}'s dB values ({@link #computeMelDb}) into {@code dst}. */
  void melDb(int lane, float[] dst);

  /** Copies every frame's dB values ({@link #computeMelDb}), frame {@code f} to {@code rows[f * n_mels ..]}. */
  void melDbRows(float[] rows);

  /** Copies frame {@code lane}'s mel projection ({@code n_mels} values) into {@code dst}. */
  void mel(int lane, float[] dst);

  /** Empties the batch. */
  void clear();
}

package org.noodlevision.audio.io;

/**
 * Down-mixes one frame of channel samples to mono exactly as {@code librosa.to_mono} does on what
 * {@code librosa.load} reads: {@code np.mean(y, axis=0)} in float32 over a (channels, n) view of soundfile's
 * interleaved (n, channels) array. Along that axis NumPy sums with its pairwise algorithm (sequentially below 8
 * values, eight interleaved partial sums up to 128, recursive halves beyond), then divides by the channel count in
 * float32. For fewer than 8 channels this is the plain left-to-right float32 sum; for PCM16 (any count below 512)
 * every partial sum is exact, so the result is {@code (sum of int16) / 32768f / channels} rounded once.
 */
final class ChannelMixer {
  private static final int BLOCK = 128;

  private ChannelMixer() {}

  /** Mean of {@code frame[off .. off+n)} with NumPy's float32 pairwise summation. */
  static float mean(float[] frame, int off, int n) {
    if (n == 1) {
      return frame[off];
    }
    return pairwiseSum(frame, off, n) / (float) n;
  }

  static float pairwiseSum(float[] a, int off, int n) {
    if (n < 8) {
      float res = -0.0f;
      for (int i = 0; i < n; i++) {
        res += a[off + i];
      }
      return res;
    } else if (n <= BLOCK) {
      float r0 = a[off], r1 = a[off + 1], r2 = a[off + 2], r3 = a[off + 3];
      float r4 = a[off + 4], r5 = a[off + 5], r6 = a[off + 6], r7 = a[off + 7];
      int i;
      for (i = 8; i < n - (n % 8); i += 8) {
        r0 += a[off + i];
        r1 += a[off + i + 1];
        r2 += a[off + i + 2];
        r3 += a[off + i + 3];
        r4 += a[off + i + 4];
        r5 += a[off + i + 5];
        r6 += a[off + i + 6];
        r7 += a[off + i + 7];
      }
      float res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
      for (; i < n; i++) {
        res += a[off + i];
      }
      return res;
    } else {
      int n2 = n / 2;
      n2 -= n2 % 8;
      return pairwiseSum(a, off, n2) + pairwiseSum(a, off + n2, n - n2);
    }
  }
}

package org.noodlevision.audio.dsp;

import java.util.Arrays;

/**
 * Cuts a signal, pushed in chunks of any size, into librosa's STFT frames: with {@code center}, the signal is padded
 * by {@code n_fft / 2} on both sides (zeros, or numpy's {@code reflect}) and frame {@code t} starts at
 * {@code t * hop} of the padded signal; {@code 1 + (padded - n_fft) / hop} frames in all. Working memory is fixed
 * ({@code n_fft + hop} samples and the edges), whatever the signal length. Not thread-safe; {@link #reset()} to reuse.
 */
public final class StftFramer {
  private final int nFft;
  private final int hop;
  private final boolean center;
  private final boolean reflect;
  private final int pad;
  private final float[] buf;
  private final float[] head;
  private final float[] tail;
  private int fill;
  private long skip;
  private long frameIndex;
  private int headLen;
  private boolean headFlushed;
  private long tailCount;
  private long numSamples;

  public StftFramer(int nFft, int hop, boolean center, boolean reflect) {
    this.nFft = nFft;
    this.hop = hop;
    this.center = center;
    this.reflect = reflect;
    this.pad = center ? nFft / 2 : 0;
    this.buf = new float[nFft + Math.max(hop, 4096)];
    this.head = new float[pad + 1];
    this.tail = new float[pad + 1];
    reset();
  }

  /** Forgets all pushed samples. */
  public void reset() {
    fill = 0;
    skip = 0;
    frameIndex = 0;
    headLen = 0;
    headFlushed = !center;
    tailCount = 0;
    numSamples = 0;
  }

  /** Number of frames a signal of {@code numSamples} gives: {@code 1 + (numSamples + 2 pad - n_fft) / hop}. */
  public static long numFrames(long numSamples, int nFft, int hop, boolean center) {
    long padded = numSamples + (center ? 2L * (nFft / 2) : 0);
    return padded < nFft ? 0 : 1 + (padded - nFft) / hop;
  }

  /** Pushes signal samples {@code src[off .. off + len)}; complete frames go to {@code out}. */
  public void push(float[] src, int off, int len, FrameConsumer out) {
    numSamples += len;
    int tl = tail.length;
    int from = Math.max(0, len - tl);
    tailCount += from;
    int slot = (int) (tailCount % tl);
    for (int i = from; i < len; i++) {
      tail[slot] = src[off + i];
      slot = slot + 1 == tl ? 0 : slot + 1;
    }
    tailCount += len - from;
    if (!headFlushed) {
      int take = Math.min(len, head.length - headLen);
      System.arraycopy(src, off, head, headLen, take);
      headLen += take;
      if (headLen < head.length) {
        return;
      }
      flushHead(out);
      off += take;
      len -= take;
    }
    feed(src, off, len, out);
  }

  /** Ends the signal: pads the right edge and emits the remaining frames. */
  public void finish(FrameConsumer out) {
    if (!headFlushed) {
      // the whole signal is shorter than pad + 1 samples: pad it explicitly
      float[] sig = Arrays.copyOf(head, headLen);
      headFlushed = true;
      float[] padded = new float[headLen + 2 * pad];
      for (int i = 0; i < padded.length; i++) {
        padded[i] = sampleAt(sig, i - pad);
      }
      feed(padded, 0, padded.length, out);
      return;
    }
    if (pad > 0) {
      float[] right = new float[pad];
      int tl = tail.length;
      long n = tailCount;
      for (int i = 0; i < pad; i++) {
        if (reflect) {
          long src = n - 2 - i; // reflect about the last sample
          right[i] = tail[(int) (src % tl)];
        }
      }
      feed(right, 0, pad, out);
    }
  }

  private void flushHead(FrameConsumer out) {
    headFlushed = true;
    float[] left = new float[pad];
    for (int i = 0; i < pad; i++) {
      left[i] = reflect ? head[pad - i] : 0f;
    }
    feed(left, 0, pad, out);
    feed(head, 0, headLen, out);
  }

  /** numpy pad value at index {@code i} of a short signal (constant 0, or reflect repeated). */
  private float sampleAt(float[] sig, int i) {
    int n = sig.length;
    if (i >= 0 && i < n) {
      return sig[i];
    }
    if (!reflect || n == 0) {
      return 0f;
    }
    if (n == 1) {
      return sig[0];
    }
    int period = 2 * (n - 1);
    int j = Math.floorMod(i, period);
    return j < n ? sig[j] : sig[period - j];
  }

  private void feed(float[] src, int off, int len, FrameConsumer out) {
    while (len > 0) {
      if (skip > 0) {
        int s = (int) Math.min(skip, len);
        skip -= s;
        off += s;
        len -= s;
        continue;
      }
      int take = Math.min(len, buf.length - fill);
      System.arraycopy(src, off, buf, fill, take);
      fill += take;
      off += take;
      len -= take;
      int start = 0;
      while (fill - start >= nFft) {
        out.accept(frameIndex++, buf, start);
        if (hop <= fill - start) {
          start += hop;
        } else {
          skip = hop - (fill - start);
          start = fill;
        }
      }
      if (start > 0) {
        System.arraycopy(buf, start, buf, 0, fill - start);
        fill -= start;
      }
    }
  }
}

package org.noodlevision.audio.features;

/**
 * One feature of one clip: a time-major matrix {@code [frame][bin]} stored row-major in one flat array, so a clip
 * of any length costs one allocation. This is the transpose of librosa's {@code (n_bins, n_frames)} layout.
 */
public final class FeatureMatrix {
  private final int numFrames;
  private final int numBins;
  private final float[] data;

  /** Wraps {@code data} (not copied); its length must be {@code numFrames * numBins}. */
  public FeatureMatrix(int numFrames, int numBins, float[] data) {
    if (numFrames < 0 || numBins < 0 || data.length != (long) numFrames * numBins) {
      throw new IllegalArgumentException("FeatureMatrix of " + numFrames + " x " + numBins
          + " needs " + ((long) numFrames * numBins) + " values, got " + data.length);
    }
    this.numFrames = numFrames;
    this.numBins = numBins;
    this.data = data;
  }

  public int numFrames() {
    return numFrames;
  }

  public int numBins() {
    return numBins;
  }

  /** The backing row-major array (frame-major): value of (frame, bin) at {@code frame * numBins + bin}. */
  public float[] data() {
    return data;
  }

  public float get(int frame, int bin) {
    return data[frame * numBins + bin];
  }

  /** A copy as {@code float[frame][bin]}. */
  public float[][] toArray() {
    float[][] out = new float[numFrames][];
    for (int t = 0; t < numFrames; t++) {
      out[t] = new float[numBins];
      System.arraycopy(data, t * numBins, out[t], 0, numBins);
    }
    return out;
  }
}

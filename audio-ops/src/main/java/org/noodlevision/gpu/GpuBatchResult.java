package org.noodlevision.gpu;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureMatrix;
import org.noodlevision.audio.features.FeatureResult;

/**
 * The features of one batch in the extractor's pinned host output buffer: each clip's matrix is a time-major
 * {@code [frame][bin]} view. Valid until the next call on the same {@link GpuFeatureExtractor}, and never after
 * it is closed (the views point into page-locked memory that closing frees); use {@link #toFeatureResults()} to
 * keep the results.
 */
public final class GpuBatchResult {
  private final BatchLayout layout;
  private final PinnedHostBuffer output;
  private final double[] tuning;

  GpuBatchResult(BatchLayout layout, PinnedHostBuffer output, double[] tuning) {
    this.layout = layout;
    this.output = output;
    this.tuning = tuning;
  }

  public int numClips() {
    return layout.numClips();
  }

  public int numFrames(int clip) {
    return layout.frameOffset[clip + 1] - layout.frameOffset[clip];
  }

  /** The {@code [frame][bin]} values of one feature of one clip, row-major, as a read-only view. */
  public FloatBuffer view(int clip, Feature feature) {
    Integer bins = layout.bins.get(feature);
    if (bins == null) {
      throw new IllegalArgumentException("Feature '" + feature.featureName() + "' was not computed; computed: "
          + layout.bins.keySet());
    }
    long start = layout.regionOffset.get(feature) + (long) layout.frameOffset[clip] * bins;
    int len = numFrames(clip) * bins;
    return output.bytes().position((int) (start * Float.BYTES)).limit((int) ((start + len) * Float.BYTES)).slice()
        .order(ByteOrder.nativeOrder()).asFloatBuffer().asReadOnlyBuffer();
  }

  /** The chroma tuning used for a clip (given or estimated); NaN when chroma was not computed. */
  public double tuning(int clip) {
    return tuning[clip];
  }

  /** Copies every clip's matrices into Java arrays (clips copied in parallel). */
  public List<FeatureResult> toFeatureResults() {
    FeatureResult[] out = new FeatureResult[numClips()];
    IntStream.range(0, numClips()).parallel().forEach(c -> out[c] = toFeatureResult(c));
    return new ArrayList<>(Arrays.asList(out));
  }

  FeatureResult toFeatureResult(int clip) {
    Map<Feature, FeatureMatrix> m = new EnumMap<>(Feature.class);
    int frames = numFrames(clip);
    for (Map.Entry<Feature, Integer> e : layout.bins.entrySet()) {
      float[] data = new float[frames * e.getValue()];
      view(clip, e.getKey()).get(data);
      m.put(e.getKey(), new FeatureMatrix(frames, e.getValue(), data));
    }
    return new FeatureResult(frames, m, tuning[clip]);
  }
}

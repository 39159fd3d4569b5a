package org.noodlevision.gpu;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;

/**
 * Where every clip, frame and output value of one batch lives: samples concatenated, frames numbered across the
 * batch, each feature one time-major region {@code [batch frame][bin]} of the host output buffer.
 */
final class BatchLayout {
  /** Whole clips [clipFrom, clipTo) sent in one kernel launch. */
  record SubBatch(int clipFrom, int clipTo, int frameFrom, int frameTo, long sampleFrom, long sampleTo) {
    int clips() {
      return clipTo - clipFrom;
    }

    int frames() {
      return frameTo - frameFrom;
    }
  }

  final long[] clipLength;
  final long[] sampleOffset;  // numClips + 1
  final int[] frameOffset;  // numClips + 1
  final Map<Feature, Integer> bins = new EnumMap<>(Feature.class);
  final Map<Feature, Long> regionOffset = new EnumMap<>(Feature.class);  // in floats
  final long outputFloats;
  final List<SubBatch> subBatches = new ArrayList<>();

  BatchLayout(long[] clipLength, FeatureParams p, Set<Feature> features, int maxFramesPerLaunch) {
    int n = clipLength.length;
    this.clipLength = clipLength;
    sampleOffset = new long[n + 1];
    frameOffset = new int[n + 1];
    long frames = 0;
    for (int c = 0; c < n; c++) {
      sampleOffset[c + 1] = sampleOffset[c] + clipLength[c];
      frames += numFrames(clipLength[c], p, c);
      if (frames > Integer.MAX_VALUE) {
        throw new InvalidParameterException("batch", n + " clips", "at most 2^31 - 1 STFT frames per GPU batch");
      }
      frameOffset[c + 1] = (int) frames;
    }
    long off = 0;
    for (Feature f : Feature.values()) {
      if (features.contains(f)) {
        int b = binsOf(f, p);
        bins.put(f, b);
        regionOffset.put(f, off);
        off += frames * b;
      }
    }
    outputFloats = off;
    int from = 0;
    while (from < n) {
      int to = from + 1;
      while (to < n && frameOffset[to + 1] - frameOffset[from] <= maxFramesPerLaunch) {
        to++;
      }
      subBatches.add(new SubBatch(from, to, frameOffset[from], frameOffset[to], sampleOffset[from], sampleOffset[to]));
      from = to;
    }
  }

  int numClips() {
    return clipLength.length;
  }

  int totalFrames() {
    return frameOffset[clipLength.length];
  }

  /** librosa's frame count: 1 + len // hop when centred, else 1 + (len - n_fft) // hop. */
  static int numFrames(long len, FeatureParams p, int clip) {
    if (p.center()) {
      if (p.padMode() == FeatureParams.PadMode.REFLECT && len < 1) {
        throw new InvalidParameterException("samples", "clip " + clip + " of length 0",
            "a non-empty clip for pad_mode=reflect");
      }
      return (int) Math.min(Integer.MAX_VALUE, 1 + len / p.hopLength());
    }
    if (len < p.nFft()) {
      throw new InvalidParameterException("n_fft", p.nFft(), "at most the clip length (" + len + " samples of clip "
          + clip + ") when center=false");
    }
    return (int) Math.min(Integer.MAX_VALUE, 1 + (len - p.nFft()) / p.hopLength());
  }

  static int binsOf(Feature f, FeatureParams p) {
    switch (f) {
      case SPECTROGRAM:
      case POWER_SPECTROGRAM:
        return p.numFrequencyBins();
      case MEL_SPECTROGRAM:
      case LOG_MEL_SPECTROGRAM:
        return p.nMels();
      case MFCC:
        return p.nMfcc();
      case CHROMA:
        return p.nChroma();
      default:
        throw new IllegalStateException(f.toString());
    }
  }
}

package org.noodlevision.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;

class BatchLayoutTest {
  private static final FeatureParams P = FeatureParams.defaults();

  @Test
  void frameCounts_followLibrosa_centredAndNot() {
    assertEquals(130, BatchLayout.numFrames(66150, P, 0));  // a440_22050 in the reference manifest
    assertEquals(2, BatchLayout.numFrames(1000, P, 0));  // edge_short_1000: 2 frames
    FeatureParams noCenter = P.toBuilder().center(false).build();
    assertEquals(1 + (66150 - 2048) / 512, BatchLayout.numFrames(66150, noCenter, 0));
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> BatchLayout.numFrames(1000, noCenter, 3));
    assertTrue(e.getMessage().contains("clip 3"), e.getMessage());
  }

  @Test
  void subBatches_coverEveryClipOnce_andRespectTheFrameLimit() {
    long[] lengths = {66150, 1000, 22050, 44100, 278152, 110250, 66150};
    BatchLayout l = new BatchLayout(lengths, P, EnumSet.of(Feature.MFCC), 600);
    int next = 0;
    for (BatchLayout.SubBatch s : l.subBatches) {
      assertEquals(next, s.clipFrom());
      assertTrue(s.frames() <= 600 || s.clips() == 1, "sub-batch over the limit: " + s);
      assertEquals(l.frameOffset[s.clipTo()] - l.frameOffset[s.clipFrom()], s.frames());
      next = s.clipTo();
    }
    assertEquals(lengths.length, next);
    assertTrue(l.subBatches.size() >= 2);
  }

  @Test
  void outputRegions_areTimeMajorAndContiguousPerFeature() {
    long[] lengths = {66150, 1000};
    BatchLayout l = new BatchLayout(lengths, P, EnumSet.of(Feature.MFCC, Feature.SPECTROGRAM), 1 << 20);
    int frames = 130 + 2;
    assertEquals(frames, l.totalFrames());
    assertEquals(0L, l.regionOffset.get(Feature.SPECTROGRAM));
    assertEquals((long) frames * 1025, l.regionOffset.get(Feature.MFCC));
    assertEquals((long) frames * (1025 + 20), l.outputFloats);
    assertEquals(1, l.subBatches.size());
  }
}

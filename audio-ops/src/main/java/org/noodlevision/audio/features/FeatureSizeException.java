package org.noodlevision.audio.features;

import org.noodlevision.NoodleVisionException;

/** A feature matrix of a clip would exceed the largest Java array (2^31 values). */
public final class FeatureSizeException extends NoodleVisionException {
  private static final long serialVersionUID = 1L;

  FeatureSizeException(int numBins, long numFrames) {
    super("A feature matrix of " + numFrames + " frames x " + numBins + " bins exceeds the largest array of "
        + (Integer.MAX_VALUE - 8) + " values. Allowed: clips whose frames x bins stay below that; split the clip "
        + "or raise hop_length.");
  }
}

package org.noodlevision.examples.extract;

import java.util.Map;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureMatrix;

/**
 * What {@link FileFeatureExtractor} made of one file: its metadata and features, or the reason it failed.
 *
 * @param path the file, as the {@code audio} source lists it (a URI: {@code file:/...} for a local file)
 * @param sampleRate native sample rate, null when the file did not decode
 * @param channels channel count before down-mixing, null when the file did not decode
 * @param numSamples samples per channel, null when the file did not decode
 * @param durationSec {@code numSamples / sampleRate}, null when the file did not decode
 * @param error null on success; otherwise why the file could not be decoded or computed
 * @param failure the exception behind {@code error}, for FAILFAST; null on success, and null for a file whose header
 *     the {@code audio} source's scan could not read (the source counted it and applied the mode)
 * @param features the computed features, empty on failure
 */
public record ExtractedFile(String path, Integer sampleRate, Integer channels, Long numSamples, Double durationSec,
    String error, RuntimeException failure, Map<Feature, FeatureMatrix> features) {
  /** True when the file decoded and its features were computed. */
  public boolean ok() {
    return error == null;
  }

  /**
   * True when the file failed after the source's scan (decoding or computing it): {@code extract} counts it in
   * {@code noodlevision.filesFailed} and applies {@code --mode} to it. False for a success and for a header error,
   * which the source has already counted and handled.
   */
  public boolean failedAfterScan() {
    return error != null && failure != null;
  }
}

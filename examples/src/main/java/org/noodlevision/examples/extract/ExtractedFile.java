package org.noodlevision.examples.extract;

import java.util.Map;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureMatrix;

/**
 * What {@link FileFeatureExtractor} made of one file: its metadata and features, or the reason it failed.
 *
 * @param path the file
 * @param sampleRate native sample rate, null when the file did not decode
 * @param channels channel count before down-mixing, null when the file did not decode
 * @param numSamples samples per channel, null when the file did not decode
 * @param durationSec {@code numSamples / sampleRate}, null when the file did not decode
 * @param error null on success; otherwise why the file could not be decoded or computed
 * @param failure the exception behind {@code error} (null on success), for FAILFAST
 * @param features the computed features, empty on failure
 */
public record ExtractedFile(String path, Integer sampleRate, Integer channels, Long numSamples, Double durationSec,
    String error, RuntimeException failure, Map<Feature, FeatureMatrix> features) {
  /** True when the file decoded and its features were computed. */
  public boolean ok() {
    return error == null;
  }
}

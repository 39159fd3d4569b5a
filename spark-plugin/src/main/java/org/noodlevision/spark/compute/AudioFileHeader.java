package org.noodlevision.spark.compute;

import org.noodlevision.audio.io.AudioStream;

/**
 * What an audio file's header says, read without decoding its samples ({@link AudioFileDecoder#readHeader}).
 *
 * @param format {@code wav} or {@code flac}
 * @param sampleRate native sample rate
 * @param channels channel count before down-mixing
 * @param declaredNumSamples samples per channel the header declares, -1 when it declares none
 */
public record AudioFileHeader(String format, int sampleRate, int channels, long declaredNumSamples) {
  static AudioFileHeader of(AudioStream stream) {
    return new AudioFileHeader(stream.format(), stream.sampleRate(), stream.channels(), stream.declaredNumSamples());
  }

  /** The declared duration in seconds, or -1 when no length is declared. */
  public double declaredDurationSec() {
    return declaredNumSamples < 0 ? -1 : (double) declaredNumSamples / sampleRate;
  }
}

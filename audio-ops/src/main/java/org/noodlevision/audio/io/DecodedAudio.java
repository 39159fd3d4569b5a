package org.noodlevision.audio.io;

/**
 * A decoded clip as librosa loads it ({@code librosa.load(path, sr=None, mono=True)}): float32 samples, channels
 * averaged to mono, native sample rate.
 *
 * @param samples mono samples; for PCM16, {@code pcm / 32768f}
 * @param sampleRate native sample rate in Hz
 * @param channels channel count of the source before down-mixing
 * @param format the container/codec, e.g. {@code wav} or {@code flac}
 */
public record DecodedAudio(float[] samples, int sampleRate, int channels, String format) {
  /** Number of samples per channel (= mono samples). */
  public long numSamples() {
    return samples.length;
  }

  public double durationSeconds() {
    return sampleRate == 0 ? 0 : (double) samples.length / sampleRate;
  }
}

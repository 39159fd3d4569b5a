package org.noodlevision.examples.extract;

import org.noodlevision.audio.io.AudioStream;

/**
 * An {@link AudioStream} that counts the samples read through it, so a streamed file's {@code num_samples} is
 * the number actually decoded, not the header's claim (which may be absent, or wrong).
 */
final class CountingAudioStream implements AudioStream {
  private final AudioStream delegate;
  private long samplesRead;

  CountingAudioStream(AudioStream delegate) {
    this.delegate = delegate;
  }

  long samplesRead() {
    return samplesRead;
  }

  @Override
  public int sampleRate() {
    return delegate.sampleRate();
  }

  @Override
  public int channels() {
    return delegate.channels();
  }

  @Override
  public long declaredNumSamples() {
    return delegate.declaredNumSamples();
  }

  @Override
  public long verifiedNumSamples() {
    return delegate.verifiedNumSamples();
  }

  @Override
  public long sizingNumSamples() {
    return delegate.sizingNumSamples();
  }

  @Override
  public String format() {
    return delegate.format();
  }

  @Override
  public String source() {
    return delegate.source();
  }

  @Override
  public int read(float[] dst, int off, int len) {
    int n = delegate.read(dst, off, len);
    if (n > 0) {
      samplesRead += n;
    }
    return n;
  }

  @Override
  public void close() {
    delegate.close();
  }
}

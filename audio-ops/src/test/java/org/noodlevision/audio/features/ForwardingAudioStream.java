package org.noodlevision.audio.features;

import org.noodlevision.audio.io.AudioStream;

/** An {@link AudioStream} that forwards every call to another: tests override what they observe or change. */
class ForwardingAudioStream implements AudioStream {
  private final AudioStream delegate;

  ForwardingAudioStream(AudioStream delegate) {
    this.delegate = delegate;
  }

  @Override public int sampleRate() { return delegate.sampleRate(); }
  @Override public int channels() { return delegate.channels(); }
  @Override public long declaredNumSamples() { return delegate.declaredNumSamples(); }
  @Override public long verifiedNumSamples() { return delegate.verifiedNumSamples(); }
  @Override public long sizingNumSamples() { return delegate.sizingNumSamples(); }
  @Override public String format() { return delegate.format(); }
  @Override public String source() { return delegate.source(); }
  @Override public int read(float[] dst, int off, int len) { return delegate.read(dst, off, len); }
  @Override public void close() { delegate.close(); }
}

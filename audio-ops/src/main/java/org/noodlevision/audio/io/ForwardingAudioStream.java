package org.noodlevision.audio.io;

/**
 * An {@link AudioStream} that forwards every call to another, for wrappers that change or observe a few of them
 * (counting the samples read, say): a subclass overrides only those, and a method added to {@link AudioStream}
 * later is forwarded here once instead of falling back to its default in each wrapper.
 */
public abstract class ForwardingAudioStream implements AudioStream {
  private final AudioStream delegate;

  protected ForwardingAudioStream(AudioStream delegate) {
    this.delegate = delegate;
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
    return delegate.read(dst, off, len);
  }

  @Override
  public void close() {
    delegate.close();
  }
}

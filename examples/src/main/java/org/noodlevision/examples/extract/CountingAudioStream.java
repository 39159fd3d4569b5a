package org.noodlevision.examples.extract;

import org.noodlevision.audio.io.AudioStream;
import org.noodlevision.audio.io.ForwardingAudioStream;

/**
 * An {@link AudioStream} that counts the samples read through it, so a streamed file's {@code num_samples} is
 * the number actually decoded, not the header's claim (which may be absent, or wrong).
 */
final class CountingAudioStream extends ForwardingAudioStream {
  private long samplesRead;

  CountingAudioStream(AudioStream delegate) {
    super(delegate);
  }

  long samplesRead() {
    return samplesRead;
  }

  @Override
  public int read(float[] dst, int off, int len) {
    int n = super.read(dst, off, len);
    if (n > 0) {
      samplesRead += n;
    }
    return n;
  }
}

package org.noodlevision.audio.io;

/**
 * Streams the {@code data} chunk of a WAV file as mono float32 through fixed buffers (about 64 KiB of raw bytes,
 * whatever the clip length). A data chunk whose declared size is 0xFFFFFFFF, or 0 with an unpatched RIFF size (a
 * streaming writer that never patched them), is read to the end of the file; a trailing partial frame there is an
 * error like any truncation.
 */
final class WavAudioStream implements AudioStream {
  private static final int TARGET_BUFFER_BYTES = 64 * 1024;

  private final ByteInput in;
  private final WavFormat format;
  private final int blockAlign;
  private final byte[] raw;
  private final float[] interleaved;
  private long bytesLeft;
  private final long verifiedSamples;
  private boolean closed;

  WavAudioStream(ByteInput in, WavFormat format) {
    this.in = in;
    this.format = format;
    this.blockAlign = format.blockAlign();
    this.raw = new byte[Math.max(1, TARGET_BUFFER_BYTES / blockAlign) * blockAlign];
    this.interleaved = new float[format.channels() == 1 ? 0 : raw.length / format.encoding().bytes];
    this.bytesLeft = format.dataBytes() >= 0 ? format.dataBytes() : in.remaining();
    this.verifiedSamples = bytesLeft / blockAlign;
  }

  /** The data's whole frames: its size was checked against the file's remaining bytes by the header reader. */
  @Override
  public long verifiedNumSamples() {
    return verifiedSamples;
  }

  @Override
  public int sampleRate() {
    return format.sampleRate();
  }

  @Override
  public int channels() {
    return format.channels();
  }

  @Override
  public long declaredNumSamples() {
    return format.dataBytes() >= 0 ? format.dataBytes() / blockAlign : -1;
  }

  @Override
  public String format() {
    return "wav";
  }

  @Override
  public String source() {
    return in.source();
  }

  @Override
  public int read(float[] dst, int off, int len) {
    ReadArguments.check(closed, in.source(), dst, off, len);
    if (bytesLeft == 0) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    try {
      return readMono(dst, off, len);
    } catch (RuntimeException | StackOverflowError e) {
      throw DecodeFailures.wrap(in.source(), e);
    }
  }

  private int readMono(float[] dst, int off, int len) {
    long frames = Math.min(len, Math.min(raw.length / blockAlign, bytesLeft / blockAlign));
    if (frames == 0) {
      throw truncated();
    }
    int want = (int) frames * blockAlign;
    int got = in.readUpTo(raw, 0, want);
    if (got < want) {
      throw truncated();
    }
    bytesLeft -= got;
    convert((int) frames, dst, off);
    return (int) frames;
  }

  private void convert(int frames, float[] dst, int off) {
    SampleEncoding enc = format.encoding();
    int channels = format.channels();
    if (channels == 1) {
      enc.toFloat(raw, 0, dst, off, frames);
      return;
    }
    enc.toFloat(raw, 0, interleaved, 0, frames * channels);
    if (channels == 2) {
      for (int i = 0, j = 0; i < frames; i++, j += 2) {
        dst[off + i] = (interleaved[j] + interleaved[j + 1]) / 2f; // = ChannelMixer.mean for 2 values
      }
      return;
    }
    for (int i = 0; i < frames; i++) {
      dst[off + i] = ChannelMixer.mean(interleaved, i * channels, channels);
    }
  }

  private AudioDecodeException truncated() {
    return new AudioDecodeException(
        in.source(),
        "sample data ends inside a " + blockAlign + "-byte frame at offset " + in.position()
            + " (file truncated); complete frames of " + format.channels() + " x " + format.encoding().description
            + " are required");
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      in.close();
    }
  }
}

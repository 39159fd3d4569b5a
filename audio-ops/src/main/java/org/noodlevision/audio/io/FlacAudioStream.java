package org.noodlevision.audio.io;

/**
 * Streams a FLAC file as mono float32, one frame at a time: each sample is {@code value / 2^(bits-1)} as
 * libsndfile (soundfile, librosa) converts it, channels averaged as {@link ChannelMixer} does. Working memory is
 * the frame buffers (at most 8 channels x 65535 samples) whatever the clip length. At the end the sample count is
 * checked against STREAMINFO's (when it declares one).
 */
final class FlacAudioStream implements AudioStream {
  /**
   * The most samples per byte of the file a FLAC header's count is believed for when sizing buffers: 16-bit audio
   * compresses to about half its size, rarely below a quarter (0.5 bytes per mono sample) except near-silence, which
   * then grows its buffers as a file without a count does.
   */
  static final long MAX_SIZING_SAMPLES_PER_BYTE = 2;
  private final ByteInput in;
  private final FlacStreamInfo info;
  private final FlacFrameDecoder frames;
  private final float scale;
  private final float[] frame;
  private int frameLength;
  private int framePos;
  private long decoded;
  private boolean ended;
  private boolean closed;

  private FlacAudioStream(ByteInput in, FlacStreamInfo info) {
    this.in = in;
    this.info = info;
    this.frames = new FlacFrameDecoder(new FlacBitReader(in), info);
    this.scale = 1f / (1 << (info.bitsPerSample() - 1));
    this.frame = new float[info.channels()];
  }

  /** Reads the metadata after the "fLaC" marker and returns a stream positioned at the first frame. */
  static AudioStream open(ByteInput in) {
    return new FlacAudioStream(in, FlacMetadataReader.read(in));
  }

  @Override
  public int sampleRate() {
    return info.sampleRate();
  }

  @Override
  public int channels() {
    return info.channels();
  }

  @Override
  public long declaredNumSamples() {
    return info.totalSamples() > 0 ? info.totalSamples() : -1;
  }

  @Override
  public long sizingNumSamples() {
    long declared = declaredNumSamples();
    return declared < 0 || declared > in.length() * MAX_SIZING_SAMPLES_PER_BYTE ? -1 : declared;
  }

  @Override
  public String format() {
    return "flac";
  }

  @Override
  public String source() {
    return in.source();
  }

  @Override
  public int read(float[] dst, int off, int len) {
    ReadArguments.check(closed, in.source(), dst, off, len);
    try {
      return readMono(dst, off, len);
    } catch (RuntimeException | StackOverflowError e) {
      throw DecodeFailures.wrap(in.source(), e);
    }
  }

  private int readMono(float[] dst, int off, int len) {
    if (framePos == frameLength && !nextFrame()) {
      return -1;
    }
    int n = Math.min(len, frameLength - framePos);
    int[][] s = frames.samples();
    int channels = info.channels();
    if (channels == 1) {
      int[] mono = s[0];
      for (int i = 0; i < n; i++) {
        dst[off + i] = mono[framePos + i] * scale;
      }
    } else if (channels == 2) {
      int[] left = s[0];
      int[] right = s[1];
      for (int i = 0; i < n; i++) {
        dst[off + i] = (left[framePos + i] * scale + right[framePos + i] * scale) / 2f; // ChannelMixer.mean of 2
      }
    } else {
      for (int i = 0; i < n; i++) {
        for (int c = 0; c < channels; c++) {
          frame[c] = s[c][framePos + i] * scale;
        }
        dst[off + i] = ChannelMixer.mean(frame, 0, channels);
      }
    }
    framePos += n;
    return n;
  }

  private boolean nextFrame() {
    if (ended) {
      return false;
    }
    int n = frames.next();
    if (n < 0) {
      ended = true;
      long declared = info.totalSamples();
      if (declared > 0 && decoded != declared) {
        throw new AudioDecodeException(in.source(), "FLAC stream holds " + decoded + " samples per channel but"
            + " STREAMINFO declares " + declared + " (file truncated or corrupt)");
      }
      return false;
    }
    decoded += n;
    frameLength = n;
    framePos = 0;
    return true;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      in.close();
    }
  }
}

package org.noodlevision.audio.io;

/**
 * Reads the FLAC metadata blocks after the "fLaC" marker: STREAMINFO (required first) is parsed and validated; every
 * other block (padding, seek table, Vorbis comment, picture, ...) is skipped after checking its declared length
 * against the bytes that remain. Nothing is allocated from a declared length.
 */
final class FlacMetadataReader {
  static final String SUPPORTED = "supported: FLAC with 1 to 8 channels, 4 to 24 bits per sample";
  private static final int STREAMINFO = 0;
  private static final int STREAMINFO_BYTES = 34;
  private static final int INVALID_TYPE = 127;

  private FlacMetadataReader() {}

  /** Reads all metadata blocks; on return {@code in} is at the first audio frame. */
  static FlacStreamInfo read(ByteInput in) {
    String source = in.source();
    FlacStreamInfo info = null;
    boolean last = false;
    while (!last) {
      if (in.remaining() < 4) {
        throw new AudioDecodeException(source, "FLAC metadata ends before its last block (file truncated)");
      }
      byte[] h = new byte[4];
      in.readFully(h, 0, 4, "FLAC metadata block header");
      int first = h[0] & 0xFF;
      long length = u(h, 1, 3);
      last = (first & 0x80) != 0;
      int type = first & 0x7F;
      if (info == null && type != STREAMINFO) {
        throw new AudioDecodeException(source, "FLAC STREAMINFO block missing (first metadata block has type " + type
            + "); the file is corrupt");
      }
      if (type == INVALID_TYPE) {
        throw new AudioDecodeException(source, "FLAC metadata block of invalid type 127; the file is corrupt");
      }
      if (type == STREAMINFO) {
        if (info != null) {
          throw new AudioDecodeException(source, "FLAC has a second STREAMINFO block; the file is corrupt");
        }
        if (length != STREAMINFO_BYTES) {
          throw new AudioDecodeException(source, "FLAC STREAMINFO block is " + length + " bytes; it must be 34");
        }
        byte[] b = new byte[STREAMINFO_BYTES];
        in.readFully(b, 0, b.length, "FLAC STREAMINFO block");
        info = parseStreamInfo(source, b);
      } else {
        in.skip(length, "FLAC metadata block of type " + type);
      }
    }
    return info;
  }

  private static FlacStreamInfo parseStreamInfo(String source, byte[] b) {
    int minBlock = u(b, 0, 2);
    int maxBlock = u(b, 2, 2);
    long packed = ((long) u(b, 10, 4) << 32) | (u(b, 14, 4) & 0xFFFFFFFFL);
    int sampleRate = (int) (packed >>> 44);
    int channels = (int) ((packed >>> 41) & 0x7) + 1;
    int bits = (int) ((packed >>> 36) & 0x1F) + 1;
    long total = packed & 0xFFFFFFFFFL;
    if (minBlock < 16 || maxBlock < minBlock) {
      throw new AudioDecodeException(source, "FLAC STREAMINFO block sizes " + minBlock + ".." + maxBlock
          + " are invalid; they must satisfy 16 <= min <= max <= 65535");
    }
    if (sampleRate == 0 || sampleRate > WavHeaderReader.MAX_SAMPLE_RATE) {
      throw new AudioDecodeException(source, "FLAC STREAMINFO sample rate " + sampleRate + " Hz is invalid; supported:"
          + " 1 to " + WavHeaderReader.MAX_SAMPLE_RATE + " Hz");
    }
    if (bits < 4 || bits > 24) {
      throw new AudioDecodeException(source, "unsupported FLAC bit depth " + bits + "; " + SUPPORTED);
    }
    return new FlacStreamInfo(maxBlock, sampleRate, channels, bits, total);
  }

  private static int u(byte[] b, int off, int n) {
    int v = 0;
    for (int i = 0; i < n; i++) {
      v = (v << 8) | (b[off + i] & 0xFF);
    }
    return v;
  }
}

package org.noodlevision.audio.io;

/**
 * Decodes FLAC audio frames (RFC 9639) one at a time into fixed per-channel int buffers sized from the validated
 * STREAMINFO maximum block size (at most 8 x 65535 ints). Every frame's header CRC-8 and frame CRC-16 are checked,
 * and every field is validated, so corrupt data gives an {@link AudioDecodeException} naming the byte offset: no
 * frame is skipped silently.
 */
final class FlacFrameDecoder {
  private static final int SYNC = 0x3FFE;
  private static final int[] RATES = {0, 88200, 176400, 192000, 8000, 16000, 22050, 24000, 32000, 44100, 48000, 96000};
  private static final int[] SIZES = {0, 8, 12, 0, 16, 20, 24, 32};
  private static final int ID3V1_BYTES = 128;

  private final FlacBitReader bits;
  private final FlacStreamInfo info;
  private final int[][] samples;
  private final String source;

  FlacFrameDecoder(FlacBitReader bits, FlacStreamInfo info) {
    this.bits = bits;
    this.info = info;
    this.source = bits.source();
    this.samples = new int[info.channels()][info.maxBlockSize()];
  }

  /** Decoded samples of the last frame, per channel. */
  int[][] samples() {
    return samples;
  }

  /** Decodes the next frame; returns its block size, or -1 at the end of the stream. */
  int next() {
    if (bits.atEnd() || isTrailingId3v1()) {
      return -1;
    }
    long frameOffset = bits.offset();
    bits.startCrc();
    int sync = bits.readUInt(14);
    if (sync != SYNC) {
      throw corrupt(frameOffset, "no frame sync code (0xFFF8/0xFFF9) where a frame should start");
    }
    if (bits.readBit() != 0) {
      throw corrupt(frameOffset, "reserved header bit is set");
    }
    bits.readBit(); // blocking strategy: fixed or variable; both decode the same way.
    int blockCode = bits.readUInt(4);
    int rateCode = bits.readUInt(4);
    int channelCode = bits.readUInt(4);
    int sizeCode = bits.readUInt(3);
    if (bits.readBit() != 0) {
      throw corrupt(frameOffset, "reserved header bit is set");
    }
    readUtf8Number(frameOffset);
    int blockSize = blockSize(frameOffset, blockCode);
    int rate = rateCode <= 11 ? RATES[rateCode] : readRate(frameOffset, rateCode);
    int crc8 = bits.crc8();
    if (bits.readUInt(8) != crc8) {
      throw corrupt(frameOffset, "frame header CRC-8 mismatch");
    }
    validateHeader(frameOffset, blockSize, rate, channelCode, sizeCode);
    int bps = info.bitsPerSample();
    for (int ch = 0; ch < info.channels(); ch++) {
      int channelBits = bps + (isSideChannel(channelCode, ch) ? 1 : 0);
      FlacSubframeDecoder.decode(bits, samples[ch], blockSize, channelBits, frameOffset);
    }
    if (bits.alignToByte() != 0) {
      throw corrupt(frameOffset, "non-zero padding after the subframes");
    }
    int crc16 = bits.crc16();
    if (bits.readUInt(16) != crc16) {
      throw corrupt(frameOffset, "frame CRC-16 mismatch (corrupt audio data)");
    }
    decorrelate(channelCode, blockSize);
    return blockSize;
  }

  private boolean isTrailingId3v1() {
    if (bits.remainingBytes() != ID3V1_BYTES) {
      return false;
    }
    byte[] tag = bits.peekBytes(3);
    return tag != null && tag[0] == 'T' && tag[1] == 'A' && tag[2] == 'G';
  }

  private void readUtf8Number(long frameOffset) {
    int first = bits.readUInt(8);
    int extra;
    if ((first & 0x80) == 0) {
      extra = 0;
    } else if ((first & 0xE0) == 0xC0) {
      extra = 1;
    } else if ((first & 0xF0) == 0xE0) {
      extra = 2;
    } else if ((first & 0xF8) == 0xF0) {
      extra = 3;
    } else if ((first & 0xFC) == 0xF8) {
      extra = 4;
    } else if ((first & 0xFE) == 0xFC) {
      extra = 5;
    } else if (first == 0xFE) {
      extra = 6;
    } else {
      throw corrupt(frameOffset, "invalid frame number coding");
    }
    for (int i = 0; i < extra; i++) {
      if ((bits.readUInt(8) & 0xC0) != 0x80) {
        throw corrupt(frameOffset, "invalid frame number coding");
      }
    }
  }

  private int blockSize(long frameOffset, int code) {
    if (code == 0) {
      throw corrupt(frameOffset, "reserved block size code 0");
    } else if (code == 1) {
      return 192;
    } else if (code <= 5) {
      return 576 << (code - 2);
    } else if (code == 6) {
      return bits.readUInt(8) + 1;
    } else if (code == 7) {
      return bits.readUInt(16) + 1;
    }
    return 256 << (code - 8);
  }

  private int readRate(long frameOffset, int code) {
    switch (code) {
      case 12:
        return bits.readUInt(8) * 1000;
      case 13:
        return bits.readUInt(16);
      case 14:
        return bits.readUInt(16) * 10;
      default:
        throw corrupt(frameOffset, "invalid sample rate code 15");
    }
  }

  private void validateHeader(long frameOffset, int blockSize, int rate, int channelCode, int sizeCode) {
    if (blockSize > info.maxBlockSize()) {
      throw corrupt(frameOffset, "block size " + blockSize + " exceeds STREAMINFO's maximum " + info.maxBlockSize());
    }
    if (rate != 0 && rate != info.sampleRate()) {
      throw corrupt(frameOffset, "frame sample rate " + rate + " Hz differs from STREAMINFO's " + info.sampleRate());
    }
    int channels = channelCode <= 7 ? channelCode + 1 : channelCode <= 10 ? 2 : -1;
    if (channels < 0) {
      throw corrupt(frameOffset, "reserved channel assignment " + channelCode);
    }
    if (channels != info.channels()) {
      throw corrupt(frameOffset, "frame has " + channels + " channels, STREAMINFO says " + info.channels());
    }
    int size = SIZES[sizeCode];
    if (sizeCode == 3) {
      throw corrupt(frameOffset, "reserved sample size code 3");
    }
    if (size != 0 && size != info.bitsPerSample()) {
      throw corrupt(frameOffset, "frame bit depth " + size + " differs from STREAMINFO's " + info.bitsPerSample());
    }
  }

  private static boolean isSideChannel(int channelCode, int ch) {
    return (channelCode == 8 && ch == 1) || (channelCode == 9 && ch == 0) || (channelCode == 10 && ch == 1);
  }

  private void decorrelate(int channelCode, int n) {
    int[] a = samples[0];
    int[] b = channelCode >= 8 ? samples[1] : null;
    switch (channelCode) {
      case 8: // left, side: right = left - side
        for (int i = 0; i < n; i++) {
          b[i] = a[i] - b[i];
        }
        break;
      case 9: // side, right: left = side + right
        for (int i = 0; i < n; i++) {
          a[i] += b[i];
        }
        break;
      case 10: // mid, side
        for (int i = 0; i < n; i++) {
          int side = b[i];
          int mid = (a[i] << 1) | (side & 1);
          a[i] = (mid + side) >> 1;
          b[i] = (mid - side) >> 1;
        }
        break;
      default:
        break;
    }
  }

  private AudioDecodeException corrupt(long frameOffset, String what) {
    return new AudioDecodeException(
        source, "corrupt FLAC frame at byte offset " + frameOffset + ": " + what);
  }
}

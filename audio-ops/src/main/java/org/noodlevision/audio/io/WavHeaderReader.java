package org.noodlevision.audio.io;

import java.util.Locale;

/**
 * Parses a RIFF/WAVE header up to the start of the {@code data} chunk. Chunks other than {@code fmt } and
 * {@code data} are skipped (with their pad byte when odd-sized). Every declared size is checked against the bytes
 * that actually remain before anything is skipped or read; nothing is allocated from a declared size.
 */
final class WavHeaderReader {
  /** Sample rates above this (10 MHz) are rejected as corrupt. */
  static final long MAX_SAMPLE_RATE = 10_000_000L;

  static final String SUPPORTED =
      "supported: PCM 8/16/24/32-bit, IEEE float 32/64, EXTENSIBLE with PCM or float";

  private static final int TAG_PCM = 0x0001;
  private static final int TAG_FLOAT = 0x0003;
  private static final int TAG_EXTENSIBLE = 0xFFFE;
  /** Bytes 2..15 of the KSDATAFORMAT_SUBTYPE GUIDs for PCM and IEEE float (the first two hold the tag). */
  private static final byte[] GUID_TAIL = {
    0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71
  };
  private static final long STREAMING_SIZE = 0xFFFFFFFFL;
  private static final long DS64_MIN_BYTES = 28;
  /** Upper bound on an fmt chunk we read into memory; larger ones are corrupt. */
  private static final int MAX_FMT_BYTES = 1024;

  private WavHeaderReader() {}

  /**
   * Reads the header after the "RIFF" or "RF64" magic ({@link ContainerFormat#detect} consumed it); on return
   * {@code in} is positioned at the first sample byte. For RF64 a {@code ds64} chunk gives the 64-bit data size
   * that the {@code data} chunk's 0xFFFFFFFF stands for.
   */
  static WavFormat read(ByteInput in, boolean rf64) {
    String source = in.source();
    long riffSize = in.readU32("RIFF header"); // only used to tell an unpatched streaming header from empty data
    long wave = in.readU32("RIFF header");
    if (wave != fourCc("WAVE")) {
      throw new AudioDecodeException(source, "not a RIFF/WAVE file; " + ContainerFormat.SUPPORTED);
    }
    byte[] fmt = null;
    long ds64DataSize = -1;
    while (true) {
      if (in.remaining() < 8) {
        throw new AudioDecodeException(
            source,
            fmt == null
                ? "no 'fmt ' chunk before the end of the file (truncated or not a WAV)"
                : "no 'data' chunk before the end of the file (truncated)");
      }
      long id = in.readU32("chunk header");
      long size = in.readU32("chunk header");
      if (id == fourCc("data")) {
        if (fmt == null) {
          throw new AudioDecodeException(source, "'data' chunk comes before any 'fmt ' chunk; a WAV needs 'fmt ' first");
        }
        if (rf64 && size == STREAMING_SIZE) {
          if (ds64DataSize < 0) {
            throw new AudioDecodeException(source, "RF64 file has no 'ds64' chunk before 'data'; it is required");
          }
          size = ds64DataSize;
        }
        return parseFormat(source, fmt, dataBytes(in, size, rf64 || headerUnpatched(riffSize, in.position())));
      }
      if (rf64 && id == fourCc("ds64")) {
        if (size < DS64_MIN_BYTES) {
          throw new AudioDecodeException(source, "RF64 'ds64' chunk is " + size + " bytes; at least 28 are required");
        }
        in.readU32("'ds64' chunk"); // RIFF size, low and high words: not used
        in.readU32("'ds64' chunk");
        long low = in.readU32("'ds64' chunk");
        long high = in.readU32("'ds64' chunk");
        if (high > Integer.MAX_VALUE) {
          throw new AudioDecodeException(source, "RF64 'ds64' declares a data size beyond 2^63 bytes; corrupt");
        }
        ds64DataSize = high << 32 | low;
        in.skip(size - 16, "'ds64' chunk");
      } else if (id == fourCc("fmt ")) {
        if (size < 16 || size > MAX_FMT_BYTES) {
          throw new AudioDecodeException(
              source, "'fmt ' chunk size " + size + " is invalid; expected 16 to " + MAX_FMT_BYTES + " bytes");
        }
        fmt = new byte[(int) size];
        in.readFully(fmt, 0, fmt.length, "'fmt ' chunk");
      } else {
        in.skip(size, "chunk '" + chunkName(id) + "'");
      }
      if ((size & 1) == 1 && in.remaining() > 0) {
        in.skip(1, "chunk pad byte");
      }
    }
  }

  /**
   * True when the RIFF size does not reach past the data chunk header (0, 0xFFFFFFFF, or exactly the header bytes):
   * a streaming writer never patched the sizes, so a data size of 0 means "unknown", not "empty".
   */
  private static boolean headerUnpatched(long riffSize, long dataStart) {
    return riffSize == 0 || riffSize == STREAMING_SIZE || riffSize + 8 <= dataStart;
  }

  private static long dataBytes(ByteInput in, long declared, boolean sizesUnpatched) {
    if (declared == STREAMING_SIZE || (declared == 0 && sizesUnpatched)) {
      return -1; // streaming writer never patched the size: read to the end of the file.
    }
    if (declared > in.remaining()) {
      throw new AudioDecodeException(
          in.source(),
          "'data' chunk declares " + declared + " bytes but only " + in.remaining()
              + " remain (file truncated); a complete file, or a size of 0 or 0xFFFFFFFF for streamed WAVs, is required");
    }
    return declared;
  }

  private static WavFormat parseFormat(String source, byte[] fmt, long dataBytes) {
    int tag = u16(fmt, 0);
    int channels = u16(fmt, 2);
    long sampleRate = u32(fmt, 4);
    int blockAlign = u16(fmt, 12);
    int bits = u16(fmt, 14);
    int effectiveTag = tag;
    if (tag == TAG_EXTENSIBLE) {
      if (fmt.length < 40 || u16(fmt, 16) < 22) {
        throw new AudioDecodeException(
            source, "WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk is " + fmt.length + " bytes; it needs 40 (with the subformat GUID)");
      }
      int validBits = u16(fmt, 18);
      effectiveTag = u16(fmt, 24);
      for (int i = 0; i < GUID_TAIL.length; i++) {
        if (fmt[26 + i] != GUID_TAIL[i]) {
          throw new AudioDecodeException(source, "unsupported WAVE_FORMAT_EXTENSIBLE subformat GUID; " + SUPPORTED);
        }
      }
      if (validBits > bits) {
        throw new AudioDecodeException(
            source, "EXTENSIBLE declares " + validBits + " valid bits in a " + bits + "-bit container; " + SUPPORTED);
      }
    }
    SampleEncoding encoding = encoding(source, tag, effectiveTag, bits);
    if (channels == 0) {
      throw new AudioDecodeException(source, "WAV header declares 0 channels; at least 1 is required");
    }
    if (sampleRate == 0 || sampleRate > MAX_SAMPLE_RATE) {
      throw new AudioDecodeException(
          source, "WAV header declares sample rate " + sampleRate + " Hz; supported: 1 to " + MAX_SAMPLE_RATE + " Hz");
    }
    if (blockAlign != channels * encoding.bytes) {
      throw new AudioDecodeException(
          source,
          "WAV block align " + blockAlign + " does not match " + channels + " channels x " + encoding.bytes
              + " bytes (" + encoding.description + "); the header is corrupt");
    }
    if (dataBytes >= 0 && dataBytes % blockAlign != 0) {
      throw new AudioDecodeException(
          source,
          "'data' chunk size " + dataBytes + " is not a whole number of " + blockAlign + "-byte frames; the file is"
              + " truncated or corrupt");
    }
    return new WavFormat(encoding, channels, (int) sampleRate, dataBytes);
  }

  private static SampleEncoding encoding(String source, int tag, int effectiveTag, int bits) {
    if (effectiveTag == TAG_PCM) {
      switch (bits) {
        case 8:
          return SampleEncoding.PCM_U8;
        case 16:
          return SampleEncoding.PCM_S16;
        case 24:
          return SampleEncoding.PCM_S24;
        case 32:
          return SampleEncoding.PCM_S32;
        default:
          throw new AudioDecodeException(source, "unsupported PCM bit depth " + bits + "; " + SUPPORTED);
      }
    }
    if (effectiveTag == TAG_FLOAT) {
      if (bits == 32) {
        return SampleEncoding.FLOAT32;
      }
      if (bits == 64) {
        return SampleEncoding.FLOAT64;
      }
      throw new AudioDecodeException(source, "unsupported IEEE float bit depth " + bits + "; " + SUPPORTED);
    }
    String where = tag == TAG_EXTENSIBLE ? "WAVE_FORMAT_EXTENSIBLE subformat" : "WAV format tag";
    throw new AudioDecodeException(
        source,
        "unsupported " + where + " " + String.format(Locale.ROOT, "0x%04X", effectiveTag) + tagName(effectiveTag)
            + "; " + SUPPORTED);
  }

  private static String tagName(int tag) {
    switch (tag) {
      case 0x0002:
        return " (Microsoft ADPCM)";
      case 0x0006:
        return " (A-law)";
      case 0x0007:
        return " (mu-law)";
      case 0x0011:
        return " (IMA ADPCM)";
      case 0x0031:
        return " (GSM 6.10)";
      case 0x0050:
        return " (MPEG)";
      case 0x0055:
        return " (MPEG Layer III)";
      default:
        return "";
    }
  }

  private static String chunkName(long id) {
    StringBuilder s = new StringBuilder(4);
    for (int i = 0; i < 4; i++) {
      int c = (int) (id >>> (8 * i)) & 0xFF;
      s.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
    }
    return s.toString();
  }

  static long fourCc(String s) {
    return s.charAt(0) | s.charAt(1) << 8 | s.charAt(2) << 16 | (long) s.charAt(3) << 24;
  }

  private static int u16(byte[] b, int off) {
    return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
  }

  private static long u32(byte[] b, int off) {
    return u16(b, off) | (long) u16(b, off + 2) << 16;
  }
}

package org.noodlevision.audio.io;

import java.nio.charset.StandardCharsets;

/** The container kinds recognised from their first bytes ("magic"), whatever the file is named. */
enum ContainerFormat {
  WAV,
  /** 64-bit WAV (EBU Tech 3306): RIFF layout with a ds64 chunk holding the sizes. */
  RF64,
  FLAC;

  static final String SUPPORTED = "supported: WAV (RIFF/WAVE or RF64) and FLAC";

  /**
   * Reads the first four bytes (the stream is left after them). An ID3v2 tag in front of a FLAC stream (written by
   * some taggers, skipped by libFLAC) is skipped after checking its size against the bytes present.
   */
  static ContainerFormat detect(ByteInput in) {
    if (in.length() == 0) {
      throw new AudioDecodeException(in.source(), "the file is empty (0 bytes); " + SUPPORTED);
    }
    if (in.length() < 4) {
      throw new AudioDecodeException(
          in.source(), "the file is only " + in.length() + " bytes, too short for any audio header; " + SUPPORTED);
    }
    byte[] magic = new byte[4];
    in.readFully(magic, 0, 4, "file signature");
    String text = new String(magic, StandardCharsets.ISO_8859_1);
    switch (text) {
      case "RIFF":
        return WAV;
      case "fLaC":
        return FLAC;
      case "RF64":
        return RF64;
      default:
        if (text.startsWith("ID3")) {
          return afterId3v2(in);
        }
        throw new AudioDecodeException(in.source(), "unrecognised content (not RIFF/WAVE, RF64 or FLAC); " + SUPPORTED);
    }
  }

  private static ContainerFormat afterId3v2(ByteInput in) {
    byte[] h = new byte[6];
    in.readFully(h, 0, 6, "ID3v2 tag header");
    // magic "ID3" + major version (consumed), then revision, flags, 4-byte synchsafe size
    long size = 0;
    for (int i = 2; i < 6; i++) {
      if ((h[i] & 0x80) != 0) {
        throw new AudioDecodeException(in.source(), "corrupt ID3v2 tag size; " + SUPPORTED);
      }
      size = size << 7 | h[i];
    }
    boolean footer = (h[1] & 0x10) != 0;
    in.skip(size + (footer ? 10 : 0), "ID3v2 tag");
    byte[] magic = new byte[4];
    in.readFully(magic, 0, 4, "signature after the ID3v2 tag");
    if (!"fLaC".equals(new String(magic, StandardCharsets.ISO_8859_1))) {
      throw new AudioDecodeException(in.source(), "an ID3v2 tag followed by content that is not FLAC (MP3 is not"
          + " supported); " + SUPPORTED);
    }
    return FLAC;
  }
}

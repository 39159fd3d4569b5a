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
   * Reads the first four bytes (the stream is left after them).
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
      case "ID3\u0003":
      case "ID3\u0004":
        throw new AudioDecodeException(
            in.source(), "the file starts with an ID3 tag (MP3 or tagged FLAC), which is not supported; " + SUPPORTED);
      default:
        throw new AudioDecodeException(in.source(), "unrecognised content (not RIFF/WAVE, RF64 or FLAC); " + SUPPORTED);
    }
  }
}

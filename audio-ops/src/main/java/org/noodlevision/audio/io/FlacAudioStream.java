package org.noodlevision.audio.io;

/** FLAC streams (placeholder until the FLAC reader lands). */
final class FlacAudioStream {
  private FlacAudioStream() {}

  static AudioStream open(ByteInput in) {
    throw new AudioDecodeException(in.source(), "FLAC decoding is not implemented yet; supported: WAV");
  }
}

package org.noodlevision.gpu;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Minimal PCM16 WAV reader with librosa's loading convention (int16 / 32768 in float32, channel mean). Test-only. */
final class WavTestReader {
  final float[] samples;
  final int sampleRate;

  private WavTestReader(float[] samples, int sampleRate) {
    this.samples = samples;
    this.sampleRate = sampleRate;
  }

  static WavTestReader read(Path file) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    b.position(12);
    int channels = 0;
    int sr = 0;
    int bits = 0;
    while (b.remaining() >= 8) {
      int id = b.getInt();
      int size = b.getInt();
      if (id == 0x20746d66) {  // "fmt "
        int p = b.position();
        b.getShort();
        channels = b.getShort();
        sr = b.getInt();
        b.getInt();
        b.getShort();
        bits = b.getShort();
        b.position(p + size + (size & 1));
      } else if (id == 0x61746164) {  // "data"
        if (bits != 16) {
          throw new IOException(file + ": only PCM16 supported by this test reader");
        }
        int frames = size / (2 * channels);
        float[] y = new float[frames];
        for (int i = 0; i < frames; i++) {
          float acc = 0f;
          for (int c = 0; c < channels; c++) {
            acc += b.getShort() / 32768f;
          }
          y[i] = channels == 1 ? acc : acc / channels;
        }
        return new WavTestReader(y, sr);
      } else {
        b.position(b.position() + size + (size & 1));
      }
    }
    throw new IOException(file + ": no data chunk");
  }
}

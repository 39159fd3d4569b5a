package org.noodlevision.audio.features;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TEST-ONLY minimal PCM16 WAV reader (librosa's loading convention: int16 / 32768 in float32, channels averaged in
 * float32), used until the project's AudioDecoders land. Delete it then.
 */
final class TestPcm16Wav {
  final float[] samples;
  final int sampleRate;

  private TestPcm16Wav(float[] samples, int sampleRate) {
    this.samples = samples;
    this.sampleRate = sampleRate;
  }

  static TestPcm16Wav read(Path path) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
    b.position(12);
    int channels = 0;
    int sr = 0;
    while (b.remaining() >= 8) {
      int id = b.getInt();
      int size = b.getInt();
      if (id == 0x20746d66) { // "fmt "
        int start = b.position();
        int fmt = b.getShort() & 0xffff;
        channels = b.getShort();
        sr = b.getInt();
        b.position(start + 14);
        int bits = b.getShort();
        if ((fmt != 1 && fmt != 0xfffe) || bits != 16) {
          throw new IOException("test reader supports PCM16 only: " + path);
        }
        b.position(start + size + (size & 1));
      } else if (id == 0x61746164) { // "data"
        int frames = size / (2 * channels);
        float[] y = new float[frames];
        for (int i = 0; i < frames; i++) {
          float sum = 0f;
          float[] ch = new float[channels];
          for (int c = 0; c < channels; c++) {
            ch[c] = b.getShort() / 32768.0f;
          }
          if (channels == 1) {
            y[i] = ch[0];
          } else {
            for (int c = 0; c < channels; c++) {
              sum += ch[c];
            }
            y[i] = sum / channels;
          }
        }
        return new TestPcm16Wav(y, sr);
      } else {
        b.position(b.position() + size + (size & 1));
      }
    }
    throw new IOException("no data chunk: " + path);
  }
}

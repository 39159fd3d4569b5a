package org.noodlevision.audio.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * FLAC files made by the reference encoder (flac 1.4.2, see resources/flac/make_flac.sh) decode bit for bit to the
 * samples of the WAV they were encoded from: 8/16/24-bit, mono, stereo (with inter-channel decorrelation), six and
 * eight channels, fixed and LPC predictors up to order 32, constant subframes (silence), blocks of 192 to 16384.
 */
class FlacDecodingTest {
  static byte[] resource(String name) throws IOException {
    try (InputStream in = FlacDecodingTest.class.getResourceAsStream("/flac/" + name)) {
      if (in == null) {
        throw new IOException("missing test resource /flac/" + name);
      }
      return in.readAllBytes();
    }
  }

  @ParameterizedTest
  @CsvSource({
    "mono16_22050, mono16_22050, 22050, 1",
    "stereo24_48000, stereo24_48000, 48000, 2",
    "six16_44100, six16_44100, 44100, 6",
    "mono8_8000, mono8_8000, 8000, 1",
    "stereo16_silence_16000, stereo16_silence_16000, 16000, 2",
    "mono16_22050_lpc32, mono16_22050, 22050, 1",
    "stereo24_48000_block192, stereo24_48000, 48000, 2",
    "eight24_96000, eight24_96000, 96000, 8"
  })
  void flac_decodesBitIdenticalToItsSourceWav(String stem, String wavStem, int sampleRate, int channels)
      throws IOException {
    DecodedAudio flac = AudioDecoders.decode(resource(stem + ".flac"), stem + ".flac");
    DecodedAudio wav = AudioDecoders.decode(resource(wavStem + ".wav"), wavStem + ".wav");
    assertEquals("flac", flac.format());
    assertEquals(sampleRate, flac.sampleRate());
    assertEquals(channels, flac.channels());
    assertEquals(wav.samples().length, flac.samples().length);
    assertTrue(flac.samples().length > 0);
    for (int i = 0; i < wav.samples().length; i++) {
      assertEquals(Float.floatToIntBits(wav.samples()[i]), Float.floatToIntBits(flac.samples()[i]),
          stem + " sample " + i);
    }
  }

  @Test
  void id3v2TagBeforeFlac_isSkipped() throws IOException {
    byte[] flac = resource("mono8_8000.flac");
    byte[] tagged = new byte[10 + 300 + flac.length];
    byte[] header = {'I', 'D', '3', 4, 0, 0, 0, 0, 2, 44}; // synchsafe size 2 * 128 + 44 = 300
    System.arraycopy(header, 0, tagged, 0, header.length);
    System.arraycopy(flac, 0, tagged, 310, flac.length);
    DecodedAudio a = AudioDecoders.decode(tagged, "tagged.flac");
    assertEquals("flac", a.format());
    assertArrayEquals(AudioDecoders.decode(flac, "plain.flac").samples(), a.samples());
  }
}

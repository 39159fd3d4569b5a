package org.noodlevision.audio.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every supported WAV variant, built in the test with known samples, decodes to exactly libsndfile's floats. */
class WavDecodingTest {
  private static DecodedAudio decode(byte[] wav) {
    return AudioDecoders.decode(wav, "test.wav");
  }

  @Test
  void pcm16Mono_isSampleOver32768() {
    byte[] wav = WavBuilder.create().fmt(WavBuilder.PCM, 1, 22050, 16).data(WavBuilder.pcm16(
        (short) 0, (short) 1, (short) -1, (short) 32767, (short) -32768, (short) 12345)).build();
    DecodedAudio a = decode(wav);
    assertArrayEquals(new float[] {0f, 1f / 32768, -1f / 32768, 32767f / 32768, -1f, 12345f / 32768}, a.samples());
    assertEquals(22050, a.sampleRate());
    assertEquals(1, a.channels());
    assertEquals("wav", a.format());
  }

  @Test
  void pcm16Stereo_isMeanOfChannelsInFloat32() {
    byte[] wav = WavBuilder.create().fmt(WavBuilder.PCM, 2, 48000, 16)
        .data(WavBuilder.pcm16((short) 1, (short) 2, (short) -32768, (short) -32768, (short) 32767, (short) -32768))
        .build();
    DecodedAudio a = decode(wav);
    assertArrayEquals(new float[] {3f / 65536, -1f, -1f / 65536}, a.samples());
    assertEquals(2, a.channels());
  }

  @Test
  void pcm8Unsigned_isRecentredOn128() {
    byte[] wav = WavBuilder.create().fmt(WavBuilder.PCM, 1, 8000, 8)
        .data(new byte[] {0, (byte) 128, (byte) 255, 64}).build();
    assertArrayEquals(new float[] {-1f, 0f, 127f / 128, -0.5f}, decode(wav).samples());
  }

  @Test
  void pcm24_isSampleOver2pow23() {
    byte[] wav = WavBuilder.create().fmt(WavBuilder.PCM, 1, 96000, 24)
        .data(WavBuilder.pcm24(0, 1, -1, 8388607, -8388608, 1234567)).build();
    assertArrayEquals(
        new float[] {0f, 1f / 8388608, -1f / 8388608, 8388607f / 8388608, -1f, 1234567f / 8388608},
        decode(wav).samples());
  }

  @Test
  void pcm32_isFloatOfSampleOver2pow31() {
    byte[] wav = WavBuilder.create().fmt(WavBuilder.PCM, 1, 44100, 32)
        .data(WavBuilder.pcm32(0, Integer.MAX_VALUE, Integer.MIN_VALUE, 123456789)).build();
    // libsndfile: (float) int * (1 / 2^31): the int is rounded to float32 first.
    assertArrayEquals(
        new float[] {0f, 1f, -1f, (float) 123456789 / 2147483648f}, decode(wav).samples());
  }

  @Test
  void float32_isAsStored_includingNanAndInfinity() {
    float[] x = {0.25f, -1.5f, Float.NaN, Float.POSITIVE_INFINITY, Float.MIN_VALUE, -0.0f};
    byte[] wav = WavBuilder.create().fmt(WavBuilder.FLOAT, 1, 16000, 32).data(WavBuilder.float32(x)).build();
    float[] y = decode(wav).samples();
    for (int i = 0; i < x.length; i++) {
      assertEquals(Float.floatToRawIntBits(x[i]), Float.floatToRawIntBits(y[i]), "sample " + i);
    }
  }

  @Test
  void float64_isRoundedToFloat32() {
    double[] x = {0.1, -0.7, 1e-50, 3.0e38};
    byte[] wav = WavBuilder.create().fmt(WavBuilder.FLOAT, 1, 16000, 64).data(WavBuilder.float64(x)).build();
    assertArrayEquals(new float[] {(float) 0.1, (float) -0.7, 0f, 3.0e38f}, decode(wav).samples());
  }

  @Test
  void extensiblePcm24AndFloat_decodeLikePlainTags() {
    byte[] pcm = WavBuilder.create().fmtExtensible(WavBuilder.PCM, 2, 48000, 24, 24)
        .data(WavBuilder.pcm24(100, 300, -8388608, -8388608)).build();
    assertArrayEquals(new float[] {200f / 8388608, -1f}, decode(pcm).samples());
    byte[] flt = WavBuilder.create().fmtExtensible(WavBuilder.FLOAT, 1, 48000, 32, 32)
        .data(WavBuilder.float32(0.5f, -0.25f)).build();
    assertArrayEquals(new float[] {0.5f, -0.25f}, decode(flt).samples());
  }

  @Test
  void unknownAndOddSizedChunks_areSkippedWithPadByte() {
    byte[] wav = WavBuilder.create()
        .chunk("JUNK", new byte[] {1, 2, 3})
        .fmt(WavBuilder.PCM, 1, 8000, 16)
        .chunk("LIST", new byte[] {9, 9, 9, 9, 9})
        .data(WavBuilder.pcm16((short) 16384))
        .chunk("id3 ", new byte[] {7})
        .build();
    assertArrayEquals(new float[] {0.5f}, decode(wav).samples());
  }

  @Test
  void streamingDataSize0OrFfffffff_readsToEndOfFile() {
    for (long size : new long[] {0L, 0xFFFFFFFFL}) {
      byte[] wav = WavBuilder.create().fmt(WavBuilder.PCM, 1, 8000, 16).riffSize(0xFFFFFFFFL)
          .chunk("data", size, WavBuilder.pcm16((short) 8192, (short) -8192)).build();
      assertArrayEquals(new float[] {0.25f, -0.25f}, decode(wav).samples(), "data size " + size);
    }
  }

  @Test
  void rf64WithDs64DataSize_decodesLikeRiff() {
    byte[] riff = WavBuilder.create()
        .chunk("ds64", new byte[28]) // placeholder, overwritten below
        .fmt(WavBuilder.PCM, 2, 44100, 16)
        .chunk("data", 0xFFFFFFFFL, WavBuilder.pcm16((short) 100, (short) 200, (short) -4, (short) -8))
        .chunk("LIST", new byte[] {1, 2, 3, 4}) // after the data: excluded by the ds64 data size
        .build();
    byte[] rf64 = riff.clone();
    System.arraycopy("RF64".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, rf64, 0, 4);
    WavBuilder.le32(rf64, 4, 0xFFFFFFFFL);
    WavBuilder.le32(rf64, 12 + 8 + 8, 8); // ds64 data size (low word) = 8 bytes
    DecodedAudio a = decode(rf64);
    assertArrayEquals(new float[] {300f / 65536, -12f / 65536}, a.samples());
    assertEquals(44100, a.sampleRate());
  }

  @Test
  void dataSize0WithPatchedRiffSize_isEmptyNotReadToEnd() {
    byte[] wav = WavBuilder.create().fmt(WavBuilder.PCM, 1, 8000, 16).data(new byte[0])
        .chunk("LIST", new byte[] {1, 2, 3, 4, 5, 6}).build();
    assertEquals(0, decode(wav).samples().length);
  }

  @Test
  void emptyDataChunk_givesEmptyClip() {
    byte[] wav = WavBuilder.create().fmt(WavBuilder.PCM, 1, 8000, 16).data(new byte[0]).build();
    DecodedAudio a = decode(wav);
    assertEquals(0, a.samples().length);
    assertEquals(8000, a.sampleRate());
  }

  @Test
  void manyChannels_matchNumpyMeanBitForBit() throws IOException {
    for (int channels : new int[] {3, 8, 11, 130}) {
      TestNpy in = TestNpy.load("/reference-load/mix_" + channels + "ch_in.npy");
      TestNpy expected = TestNpy.load("/reference-load/mix_" + channels + "ch.npy");
      assertEquals(channels, in.shape[1]);
      byte[] wav = WavBuilder.create().fmt(WavBuilder.FLOAT, channels, 44100, 32)
          .data(WavBuilder.float32(in.data)).build();
      float[] y = decode(wav).samples();
      assertEquals(expected.data.length, y.length);
      for (int i = 0; i < y.length; i++) {
        assertEquals(Float.floatToIntBits(expected.data[i]), Float.floatToIntBits(y[i]),
            channels + " channels, frame " + i + ": numpy " + expected.data[i] + ", decoded " + y[i]);
      }
    }
  }

  @Test
  void formatIsDetectedFromContentNotExtension(@TempDir Path dir) throws IOException {
    Path misnamed = dir.resolve("clip.flac");
    Files.write(misnamed, WavBuilder.create().fmt(WavBuilder.PCM, 1, 8000, 16)
        .data(WavBuilder.pcm16((short) -16384)).build());
    DecodedAudio a = AudioDecoders.decode(misnamed);
    assertEquals("wav", a.format());
    assertArrayEquals(new float[] {-0.5f}, a.samples());
  }

  @Test
  void openStream_readsIncrementallyInSmallPieces() {
    short[] pcm = new short[100_003];
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = (short) (i * 7919);
    }
    byte[] wav = WavBuilder.create().fmt(WavBuilder.PCM, 1, 16000, 16).data(WavBuilder.pcm16(pcm)).build();
    try (AudioStream s = AudioDecoders.open(wav, "long.wav")) {
      assertEquals(100_003, s.declaredNumSamples());
      float[] buf = new float[777];
      long total = 0;
      int n;
      while ((n = s.read(buf, 0, buf.length)) >= 0) {
        for (int i = 0; i < n; i++) {
          assertEquals(pcm[(int) (total + i)] / 32768f, buf[i]);
        }
        total += n;
      }
      assertEquals(pcm.length, total);
    }
  }

  @Test
  void missingFile_isTypedErrorNamingIt(@TempDir Path dir) {
    Path missing = dir.resolve("nope.wav");
    AudioDecodeException e = assertThrows(AudioDecodeException.class, () -> AudioDecoders.decode(missing));
    assertTrue(e.getMessage().contains("nope.wav"), e.getMessage());
  }
}

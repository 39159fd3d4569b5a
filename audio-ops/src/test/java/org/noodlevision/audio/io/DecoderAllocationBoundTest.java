package org.noodlevision.audio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Headers that declare enormous sizes on tiny files cost little memory: what this thread allocates while decoding
 * is measured with the JVM's per-thread allocation counter (HotSpot's com.sun.management.ThreadMXBean).
 */
class DecoderAllocationBoundTest {
  private static final long LIMIT_BYTES = 2L << 20;

  private static long allocatedBy(Runnable r) {
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(bean.isThreadAllocatedMemorySupported(), "per-thread allocation counter not available on this JVM");
    bean.setThreadAllocatedMemoryEnabled(true);
    long id = Thread.currentThread().getId();
    r.run(); // warm up class loading
    long before = bean.getThreadAllocatedBytes(id);
    r.run();
    return bean.getThreadAllocatedBytes(id) - before;
  }

  @Test
  void wav44BytesDeclaring4GB_failsAndAllocatesLittle(@TempDir Path dir) throws IOException {
    byte[] wav = WavBuilder.create().fmt(WavBuilder.PCM, 1, 22050, 16).chunk("data", 0xFFFFFFFEL, new byte[0]).build();
    assertEquals(44, wav.length);
    Path file = dir.resolve("huge.wav");
    Files.write(file, wav);
    long bytes = allocatedBy(() -> assertThrows(AudioDecodeException.class, () -> AudioDecoders.decode(file)));
    assertTrue(bytes < LIMIT_BYTES, "allocated " + bytes + " bytes");
  }

  /**
   * A file whose header tells its length honestly is decoded into one array of exactly that size: once full, the
   * reader checks that the clip ends before growing it (it used to double the array first, which made a 3-hour WAV
   * need 1.5 GB at once instead of 952 MB).
   */
  @Test
  void honestWav_isDecodedIntoOneArrayOfItsLength(@TempDir Path dir) throws IOException {
    int samples = 1 << 20; // 4 MiB of float32
    byte[] pcm = new byte[2 * samples];
    for (int i = 0; i < samples; i++) {
      pcm[2 * i] = (byte) i;
      pcm[2 * i + 1] = (byte) (i >> 8);
    }
    Path file = dir.resolve("honest.wav");
    Files.write(file, WavBuilder.create().fmt(WavBuilder.PCM, 1, 22050, 16).chunk("data", pcm.length, pcm).build());
    long bytes = allocatedBy(() -> assertEquals(samples, AudioDecoders.decode(file).samples().length));
    long array = 4L * samples;
    assertTrue(bytes < array + LIMIT_BYTES, "allocated " + bytes + " bytes for a " + array + "-byte array");
  }

  /**
   * A WAV vouches for its exact sample count (its data size is checked against the file), also when a streaming
   * writer left the size unpatched; FLAC's STREAMINFO count cannot be checked before decoding, so it does not.
   */
  @Test
  void wavVouchesForItsLength_flacDoesNot(@TempDir Path dir) throws IOException {
    byte[] pcm = WavBuilder.pcm16((short) 1, (short) 2, (short) 3, (short) 4, (short) 5, (short) 6);
    Path sized = Files.write(dir.resolve("sized.wav"),
        WavBuilder.create().fmt(WavBuilder.PCM, 2, 22050, 16).chunk("data", pcm.length, pcm).build());
    Path unpatched = Files.write(dir.resolve("unpatched.wav"), WavBuilder.create().fmt(WavBuilder.PCM, 2, 22050, 16)
        .riffSize(0xFFFFFFFFL).chunk("data", 0xFFFFFFFFL, pcm).build());
    for (Path wav : new Path[] {sized, unpatched}) {
      try (AudioStream s = AudioDecoders.open(wav)) {
        assertEquals(3, s.verifiedNumSamples(), wav.getFileName().toString());
        float[] all = new float[16];
        assertEquals(3, s.read(all, 0, all.length));
      }
    }
    Path flac = Files.write(dir.resolve("x.flac"), FlacDecodingTest.resource("mono8_8000.flac"));
    try (AudioStream s = AudioDecoders.open(flac)) {
      assertEquals(-1, s.verifiedNumSamples());
    }
  }

  /**
   * A FLAC's count sizes buffers when its bytes could hold that many samples (two per byte at most); the count of a
   * patched header that claims 2^36 samples in a few kilobytes does not.
   */
  @Test
  void flacCountSizesBuffers_onlyWhenItsBytesCouldHoldIt() throws IOException {
    byte[] honest = FlacDecodingTest.resource("mono16_22050.flac");
    try (AudioStream s = AudioDecoders.open(honest, "honest.flac")) {
      assertTrue(s.declaredNumSamples() > 0);
      assertEquals(s.declaredNumSamples(), s.sizingNumSamples());
      assertEquals(-1, s.verifiedNumSamples());
    }
    byte[] lying = flacClaimingAllSamples();
    try (AudioStream s = AudioDecoders.open(lying, "lying.flac")) {
      assertEquals((1L << 36) - 1, s.declaredNumSamples());
      assertEquals(-1, s.sizingNumSamples());
    }
  }

  @Test
  void streamedWavWithUnknownSize_allocatesByActualLength() {
    byte[] wav = WavBuilder.create().fmt(WavBuilder.PCM, 2, 22050, 16).riffSize(0xFFFFFFFFL)
        .chunk("data", 0xFFFFFFFFL, WavBuilder.pcm16((short) 1, (short) 3)).build();
    long bytes = allocatedBy(() -> assertEquals(1, AudioDecoders.decode(wav, "streamed.wav").samples().length));
    assertTrue(bytes < LIMIT_BYTES, "allocated " + bytes + " bytes");
  }

  @Test
  void flacDeclaringHugeSampleCount_allocatesByActualLength() throws IOException {
    byte[] flac = flacClaimingAllSamples();
    long bytes = allocatedBy(() -> assertThrows(AudioDecodeException.class, () -> AudioDecoders.decode(flac, "x.flac")));
    assertTrue(bytes < LIMIT_BYTES, "allocated " + bytes + " bytes");
  }

  @Test
  void decodeBeyondMaxSamples_isTypedErrorNotOutOfMemory() throws IOException {
    byte[] flac = FlacDecodingTest.resource("stereo24_48000.flac");
    assertEquals(4800, AudioDecoders.decode(flac, "s.flac", 4800).samples().length);
    ClipTooLongException e =
        assertThrows(ClipTooLongException.class, () -> AudioDecoders.decode(flac, "s.flac", 4799));
    assertTrue(e.getMessage().contains("more than 4799 samples"), e.getMessage());
    assertEquals(4799, e.limitSamples());
    assertThrows(org.noodlevision.InvalidParameterException.class, () -> AudioDecoders.decode(flac, "s.flac", -1));
  }

  /**
   * A WAV over the limit fails before its data is read: its length is checked against its bytes when it is opened,
   * so a caller's limit (a Spark row's size) costs no decoding of a multi-hour file.
   */
  @Test
  void wavBeyondMaxSamples_failsBeforeReadingItsData() throws IOException {
    int samples = 1 << 20;
    byte[] wav = WavBuilder.create().fmt(WavBuilder.PCM, 1, 22050, 16).data(new byte[2 * samples]).build();
    long[] read = new long[1];
    java.io.InputStream counting = new java.io.FilterInputStream(new java.io.ByteArrayInputStream(wav)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        read[0] += Math.max(0, n);
        return n;
      }
    };
    ClipTooLongException e = assertThrows(ClipTooLongException.class,
        () -> AudioDecoders.decode(counting, wav.length, "long.wav", samples - 1));
    assertEquals(samples - 1, e.limitSamples());
    assertTrue(read[0] < 64 * 1024, "read " + read[0] + " of " + wav.length + " bytes before failing");
    assertEquals(samples, AudioDecoders.decode(new java.io.ByteArrayInputStream(wav), wav.length, "long.wav",
        samples).numSamples());
  }

  @Test
  void streamingA20MBFile_allocatesFixedBuffersOnly(@TempDir Path dir) throws IOException {
    int frames = 5_000_000; // 20 MB of 16-bit stereo, ~104 s at 48 kHz
    byte[] pcm = new byte[frames * 4];
    for (int i = 0; i < pcm.length; i++) {
      pcm[i] = (byte) (i * 31);
    }
    Path file = dir.resolve("long.wav");
    Files.write(file, WavBuilder.create().fmt(WavBuilder.PCM, 2, 48000, 16).data(pcm).build());
    pcm = null;
    float[] buf = new float[4096];
    long[] total = new long[1];
    long bytes = allocatedBy(() -> {
      total[0] = 0;
      try (AudioStream s = AudioDecoders.open(file)) {
        int n;
        while ((n = s.read(buf, 0, buf.length)) >= 0) {
          total[0] += n;
        }
      }
    });
    assertEquals(frames, total[0]);
    assertTrue(bytes < 1L << 20, "streaming 20 MB allocated " + bytes + " bytes");
  }

  /** mono8_8000.flac with STREAMINFO's 36-bit total sample count set to its largest value (2^36 - 1). */
  private static byte[] flacClaimingAllSamples() throws IOException {
    byte[] flac = FlacDecodingTest.resource("mono8_8000.flac").clone();
    // STREAMINFO (after the 4-byte marker and 4-byte block header): the count's top 4 bits end byte 13, then 4 bytes
    flac[8 + 13] |= 0x0F;
    for (int i = 8 + 14; i < 8 + 18; i++) {
      flac[i] = (byte) 0xFF;
    }
    return flac;
  }
}

package org.noodlevision.audio.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.noodlevision.InvalidParameterException;

/**
 * Clips read from an {@link InputStream} (how the Spark side reads files of any Hadoop file system) decode exactly as
 * the same bytes in memory, the stream is closed by whoever owns it, and failures name the source.
 */
class InputStreamDecodingTest {
  /** An input stream that records whether it was closed. */
  private static final class ClosingProbe extends ByteArrayInputStream {
    boolean closed;

    ClosingProbe(byte[] bytes) {
      super(bytes);
    }

    @Override
    public void close() throws IOException {
      closed = true;
      super.close();
    }
  }

  @Test
  void flacAndWav_fromAStream_equalTheInMemoryDecode() throws IOException {
    for (String name : new String[] {"stereo24_48000.flac", "stereo24_48000.wav"}) {
      byte[] bytes = FlacDecodingTest.resource(name);
      DecodedAudio expected = AudioDecoders.decode(bytes, name);
      ClosingProbe in = new ClosingProbe(bytes);
      DecodedAudio got = AudioDecoders.decode(in, bytes.length, name);
      assertArrayEquals(expected.samples(), got.samples(), name);
      assertEquals(expected.sampleRate(), got.sampleRate());
      assertEquals(expected.channels(), got.channels());
      assertTrue(in.closed, "decode closes the stream it was given");
    }
  }

  @Test
  void open_readsIncrementally_andCloseClosesTheStream() throws IOException {
    byte[] bytes = FlacDecodingTest.resource("mono16_22050.flac");
    float[] expected = AudioDecoders.decode(bytes, "m.flac").samples();
    ClosingProbe in = new ClosingProbe(bytes);
    float[] got = new float[expected.length];
    try (AudioStream s = AudioDecoders.open(in, bytes.length, "m.flac")) {
      assertEquals(22050, s.sampleRate());
      int n = 0;
      for (int r; (r = s.read(got, n, Math.min(1000, got.length - n))) > 0; ) {
        n += r;
      }
      assertEquals(expected.length, n);
    }
    assertArrayEquals(expected, got);
    assertTrue(in.closed);
  }

  @Test
  void notAudio_failsNamingTheSource_andClosesTheStream() {
    ClosingProbe in = new ClosingProbe("this is not audio".getBytes());
    AudioDecodeException e = assertThrows(AudioDecodeException.class,
        () -> AudioDecoders.open(in, 17, "hdfs://nn/clips/notes.wav"));
    assertTrue(e.getMessage().contains("hdfs://nn/clips/notes.wav"), e.getMessage());
    assertTrue(in.closed, "a failed open closes the stream");
  }

  @Test
  void negativeLength_isRefused() {
    ClosingProbe in = new ClosingProbe(new byte[0]);
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> AudioDecoders.open(in, -1, "x.wav"));
    assertTrue(e.getMessage().contains("x.wav"), e.getMessage());
    assertTrue(in.closed);
  }
}

package org.noodlevision.spark.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.noodlevision.audio.io.AudioDecodeException;
import org.noodlevision.audio.io.AudioDecoders;
import org.noodlevision.audio.io.AudioStream;
import org.noodlevision.audio.io.DecodedAudio;
import org.noodlevision.spark.ReferenceFiles;

/** The executors' file opener: the same clip from a plain path, a relative path and a {@code file:} URI. */
class AudioFileDecoderTest {
  @Test
  void plainRelativeAndFileUriPaths_openTheSameClip_andTheHeaderAgrees() {
    Path wav = ReferenceFiles.dir().resolve("audio/stereo_48000.wav").toAbsolutePath().normalize();
    DecodedAudio expected = AudioDecoders.decode(wav);
    Configuration conf = new Configuration();
    String relative = Paths.get("").toAbsolutePath().relativize(wav).toString();
    for (String path : new String[] {wav.toString(), relative, "file:" + wav, wav.toUri().toString()}) {
      DecodedAudio got = AudioFileDecoder.decodeFile(path, conf);
      assertArrayEquals(expected.samples(), got.samples(), path);
      try (AudioStream s = AudioFileDecoder.open(path, conf)) {
        assertEquals(expected.sampleRate(), s.sampleRate(), path);
      }
      AudioFileHeader h = AudioFileDecoder.readHeader(path, conf);
      assertEquals(expected.channels(), h.channels(), path);
      assertEquals(expected.numSamples(), h.declaredNumSamples(), path);
    }
  }

  @Test
  void malformedPath_isAnAudioDecodeExceptionNamingIt() {
    AudioDecodeException e = assertThrows(AudioDecodeException.class,
        () -> AudioFileDecoder.open("file://host:bad/x.wav", new Configuration()));
    assertTrue(e.getMessage().contains("file://host:bad/x.wav"), e.getMessage());
  }
}

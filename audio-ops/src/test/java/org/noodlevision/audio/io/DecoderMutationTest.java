package org.noodlevision.audio.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations of valid WAV and FLAC files (bit flips, byte overwrites, size fields set to extremes,
 * truncations, insertions, deletions). NOT coverage-guided: a bounded, reproducible complement to the Jazzer fuzz
 * target that runs in every build. Every mutant must decode or fail with {@link AudioDecodeException}.
 */
class DecoderMutationTest {
  private static final long SEED = 0x5EED_DEC0DEL;
  private static final int MUTANTS_PER_FILE = 600;
  private static final int[] EXTREMES = {0, 1, 0xFF, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFFF, 0x80000000, 0xFFFE, 0x10000};

  private static List<byte[]> validFiles() throws IOException {
    List<byte[]> files = new ArrayList<>();
    files.add(WavBuilder.create().fmt(WavBuilder.PCM, 2, 22050, 16)
        .data(WavBuilder.pcm16((short) 1, (short) -2, (short) 300, (short) 32767, (short) -32768, (short) 0)).build());
    files.add(WavBuilder.create().chunk("LIST", new byte[] {1, 2, 3}).fmt(WavBuilder.PCM, 1, 8000, 8)
        .data(new byte[] {1, (byte) 200, 3}).build());
    files.add(WavBuilder.create().fmt(WavBuilder.PCM, 3, 96000, 24).data(WavBuilder.pcm24(1, 2, 3, 4, 5, 6)).build());
    files.add(WavBuilder.create().fmt(WavBuilder.FLOAT, 2, 16000, 64).data(WavBuilder.float64(0.5, -0.5)).build());
    files.add(WavBuilder.create().fmtExtensible(WavBuilder.FLOAT, 1, 48000, 32, 32)
        .data(WavBuilder.float32(0.1f, 0.2f, 0.3f)).build());
    files.add(FlacDecodingTest.resource("mono8_8000.flac"));
    files.add(FlacDecodingTest.resource("stereo24_48000.flac"));
    return files;
  }

  @Test
  void seededMutationsOfValidFiles_onlyEverRaiseAudioDecodeException() throws IOException {
    SplittableRandom rnd = new SplittableRandom(SEED);
    int decoded = 0;
    int rejected = 0;
    List<byte[]> files = validFiles();
    for (int f = 0; f < files.size(); f++) {
      byte[] original = files.get(f);
      AudioDecoders.decode(original, "valid-" + f); // the unmutated file must decode
      for (int m = 0; m < MUTANTS_PER_FILE; m++) {
        byte[] mutant = mutate(original, rnd);
        String name = "mutant-" + f + "-" + m;
        try {
          DecodedAudio a = AudioDecoders.decode(mutant, name);
          assertTrue(a.sampleRate() > 0 && a.channels() > 0, name);
          decoded++;
        } catch (AudioDecodeException e) {
          assertEquals(name, e.source());
          rejected++;
        } catch (Throwable t) {
          fail(name + " (file " + f + ", seed " + SEED + ") threw " + t + "; bytes " + Arrays.toString(mutant), t);
        }
      }
    }
    assertEquals(files.size() * MUTANTS_PER_FILE, decoded + rejected);
    assertTrue(rejected > 0 && decoded > 0, "decoded " + decoded + ", rejected " + rejected);
  }

  private static byte[] mutate(byte[] in, SplittableRandom rnd) {
    byte[] b = in.clone();
    int edits = 1 + rnd.nextInt(4);
    for (int e = 0; e < edits && b.length > 0; e++) {
      int pos = rnd.nextInt(b.length);
      switch (rnd.nextInt(6)) {
        case 0:
          b[pos] ^= (byte) (1 << rnd.nextInt(8));
          break;
        case 1:
          b[pos] = (byte) rnd.nextInt(256);
          break;
        case 2: // a 16- or 32-bit field set to an extreme value (sizes, counts, rates, tags)
          int v = EXTREMES[rnd.nextInt(EXTREMES.length)];
          for (int k = 0; k < (rnd.nextBoolean() ? 2 : 4) && pos + k < b.length; k++) {
            b[pos + k] = (byte) (v >>> (8 * k));
          }
          break;
        case 3:
          b = Arrays.copyOf(b, pos);
          break;
        case 4: {
          byte[] ins = new byte[1 + rnd.nextInt(16)];
          for (int k = 0; k < ins.length; k++) {
            ins[k] = (byte) rnd.nextInt(256);
          }
          byte[] out = new byte[b.length + ins.length];
          System.arraycopy(b, 0, out, 0, pos);
          System.arraycopy(ins, 0, out, pos, ins.length);
          System.arraycopy(b, pos, out, pos + ins.length, b.length - pos);
          b = out;
          break;
        }
        default: {
          int len = Math.min(b.length - pos, 1 + rnd.nextInt(16));
          byte[] out = new byte[b.length - len];
          System.arraycopy(b, 0, out, 0, pos);
          System.arraycopy(b, pos + len, out, pos, b.length - pos - len);
          b = out;
          break;
        }
      }
    }
    return b;
  }
}

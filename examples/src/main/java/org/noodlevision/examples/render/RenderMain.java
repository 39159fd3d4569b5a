package org.noodlevision.examples.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.NoodleVisionException;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureParams;
import org.noodlevision.examples.extract.ExtractArguments;
import org.noodlevision.examples.extract.ExtractedFile;
import org.noodlevision.examples.extract.FileFeatureExtractor;

/**
 * {@code noodlevision render}: a PNG of one feature of one audio file (no Spark). Exit status 0 on success, 2 for a
 * bad command line, 1 when the file cannot be decoded or the PNG written; the reason is one line on stderr.
 */
public final class RenderMain {
  static final String USAGE = String.join("\n",
      "Usage: noodlevision render --input FILE --output PNG [options]",
      "",
      "Draws one feature of one audio file like librosa.display.specshow, with a colour bar: time (s) across;",
      "Hz for spectrograms, mel-spaced Hz for mel features, pitch class for chroma, coefficient for MFCC.",
      "Spectrogram, power spectrogram and mel are shown in dB relative to their maximum (80 dB range).",
      "",
      "Options:",
      "  --input FILE         a .wav or .flac file",
      "  --output PNG         the image to write (parent directories are created)",
      "  --feature NAME       spectrogram, power_spectrogram, mel_spectrogram, log_mel_spectrogram (default),",
      "                       mfcc, chroma",
      "  --width N            image width in pixels (default 1000)",
      "  --height N           image height in pixels (default 400)",
      "  --n-fft N, --hop-length N, --win-length N, --n-mels N, --n-mfcc N, --tuning X|auto",
      "                       feature parameters, as for extract (librosa's defaults)",
      "  --help               this text");

  private RenderMain() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the command and returns its exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        out.println(USAGE);
        return 0;
      }
    }
    String input = null;
    String output = null;
    Feature feature = Feature.LOG_MEL_SPECTROGRAM;
    int width = 1000;
    int height = 400;
    Map<String, String> params = new LinkedHashMap<>();
    try {
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (i + 1 >= args.length) {
          throw new InvalidParameterException(flag, "(missing value)", "a value after " + flag);
        }
        String value = args[++i];
        switch (flag) {
          case "--input": input = value; break;
          case "--output": output = value; break;
          case "--feature": feature = parseFeature(value); break;
          case "--width": width = dimension(flag, value, SpecshowRenderer.MIN_WIDTH); break;
          case "--height": height = dimension(flag, value, SpecshowRenderer.MIN_HEIGHT); break;
          case "--n-fft": case "--hop-length": case "--win-length": case "--n-mels": case "--n-mfcc": case "--tuning":
            params.put(flag.substring(2).replace('-', '_'), value);
            break;
          default:
            throw new InvalidParameterException(flag, value, "--input, --output, --feature, --width, --height, "
                + "--n-fft, --hop-length, --win-length, --n-mels, --n-mfcc, --tuning, --help");
        }
      }
      if (input == null || !Files.isRegularFile(Paths.get(input))) {
        throw new InvalidParameterException("--input", input == null ? "(not given)" : input, "an existing audio file");
      }
      if (output == null) {
        throw new InvalidParameterException("--output", "(not given)", "a .png file path");
      }
      featureParams(params);
    } catch (InvalidParameterException e) {
      err.println("render: " + e.getMessage() + " (see --help)");
      return 2;
    }
    try {
      FeatureParams fp = featureParams(params);
      ExtractedFile file = new FileFeatureExtractor(params, List.of(feature)).extract(input);
      if (!file.ok()) {
        err.println("render: cannot render '" + input + "': " + file.error());
        return 1;
      }
      String title = Paths.get(input).getFileName() + " - " + feature.featureName();
      BufferedImage img = SpecshowRenderer.render(file.features().get(feature), feature, file.sampleRate(), fp,
          width, height, title);
      Path png = Paths.get(output).toAbsolutePath();
      if (png.getParent() != null) {
        Files.createDirectories(png.getParent());
      }
      if (!ImageIO.write(img, "png", png.toFile())) {
        err.println("render: no PNG writer in this Java runtime");
        return 1;
      }
      out.println("render: wrote " + png + " (" + width + "x" + height + ", " + feature.featureName() + ", "
          + file.features().get(feature).numFrames() + " frames)");
      return 0;
    } catch (IOException | NoodleVisionException e) {
      err.println("render: " + e.getMessage());
      return 1;
    }
  }

  private static FeatureParams featureParams(Map<String, String> params) {
    try {
      return ExtractArguments.featureParams(params);
    } catch (InvalidParameterException e) {
      throw new InvalidParameterException("--" + e.parameter().replace('_', '-'), params.get(e.parameter()),
          e.getMessage().replaceFirst("^.*Allowed: ", "").replaceFirst("\\.$", ""));
    }
  }

  private static Feature parseFeature(String value) {
    try {
      return Feature.fromName(value);
    } catch (InvalidParameterException e) {
      throw new InvalidParameterException("--feature", value, "one of spectrogram, power_spectrogram, "
          + "mel_spectrogram, log_mel_spectrogram, mfcc, chroma");
    }
  }

  private static int dimension(String flag, String value, int min) {
    try {
      int v = Integer.parseInt(value.trim());
      if (v >= min && v <= 8192) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidParameterException(flag, value, "an integer from " + min + " to 8192");
  }
}

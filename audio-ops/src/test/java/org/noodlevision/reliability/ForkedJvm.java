package org.noodlevision.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A test program run in a JVM of its own (a small heap, say) on the tests' classpath, its output kept in a file. */
public final class ForkedJvm {
  private ForkedJvm() {
  }

  /**
   * How the run ended.
   *
   * @param finished whether it ended within the time given (it is killed otherwise)
   * @param exitCode its exit status, -1 when it did not finish
   * @param output what it printed, standard output and error together
   */
  public record Result(boolean finished, int exitCode, String output) {}

  /**
   * Runs {@code java <jvmOptions> -cp <the tests' classpath> <mainClass> <args>}, its output in {@code log}, waiting
   * at most {@code timeoutSeconds} (a bound on waiting for a hung child, not a timing check).
   */
  public static Result run(List<String> jvmOptions, Class<?> mainClass, List<String> args, Path log,
      long timeoutSeconds) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
    if (!finished) {
      p.destroyForcibly();
    }
    return new Result(finished, finished ? p.exitValue() : -1, Files.readString(log, StandardCharsets.UTF_8));
  }
}

package org.noodlevision.spark.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load: {@link SoakRun} (8 concurrent tasks on one executor, invariants checked throughout) in a forked JVM with
 * a fixed 768 MiB heap. CI runs 20 s ({@code noodlevision.soak.seconds}); {@code -Psoak} runs 10 minutes.
 */
class SoakTest {
  @TempDir
  Path dir;

  @Test
  void eightConcurrentTasks_keepTheInvariants() throws Exception {
    long seconds = Long.getLong("noodlevision.soak.seconds", 20);
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms768m", "-Xmx768m", "-XX:+AlwaysPreTouch"));
    for (String opt : System.getProperty("noodlevision.test.jvmOpens", "").split(" ")) {
      if (!opt.isBlank()) {
        cmd.add(opt);
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SoakRun.class.getName(),
        String.valueOf(seconds)));
    Path log = dir.resolve("soak.log");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    // a bound on waiting for a hung child (the run's length plus start-up), not a timing check
    boolean finished = p.waitFor(seconds + 300, TimeUnit.SECONDS);
    if (!finished) {
      p.destroyForcibly();
    }
    String out = Files.readString(log, StandardCharsets.UTF_8);
    List<String> keep = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.startsWith("[soak]") || line.startsWith("VIOLATION")) {
        keep.add(line);
        System.out.println(line);
      }
    }
    String tail = out.length() <= 6000 ? out : out.substring(out.length() - 6000);
    assertTrue(finished, "soak finished; output:\n" + tail);
    assertTrue(keep.stream().anyMatch(l -> l.startsWith("[soak]")), "summary printed; output:\n" + tail);
    assertEquals(0, p.exitValue(), "invariants held: " + keep + "\n" + tail);
  }
}

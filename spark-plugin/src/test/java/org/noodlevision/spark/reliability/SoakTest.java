package org.noodlevision.spark.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noodlevision.spark.ForkedJvm;

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
    // the wait is bounded by the run's length plus start-up
    ForkedJvm.Result run = ForkedJvm.runOnTestClasspath(List.of("-Xms768m", "-Xmx768m", "-XX:+AlwaysPreTouch"),
        SoakRun.class, List.of(String.valueOf(seconds)), dir.resolve("soak.log"), seconds + 300);
    String out = run.output();
    List<String> keep = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (line.startsWith("[soak]") || line.startsWith("VIOLATION")) {
        keep.add(line);
        System.out.println(line);
      }
    }
    String tail = run.tail(6000);
    assertTrue(run.finished(), "soak finished; output:\n" + tail);
    assertTrue(keep.stream().anyMatch(l -> l.startsWith("[soak]")), "summary printed; output:\n" + tail);
    assertEquals(0, run.exitCode(), "invariants held: " + keep + "\n" + tail);
  }
}

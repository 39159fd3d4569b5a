package org.noodlevision.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every command a user is told to run: each ```bash block right after a {@code <!-- runnable -->} line in
 * README.md and docs/*.md, through bash from the project root, with the classes this build compiled
 * ({@code NOODLEVISION_NO_BUILD=1}: no nested Maven). Output paths under /tmp/nv- are redirected into a temporary
 * folder. Each block must exit 0.
 */
class DocumentedCommandsTest {
  static final String MARKER = "<!-- runnable -->";

  @TempDir static Path work;

  record Block(Path file, int line, String script) {}

  static Path projectDir() {
    String dir = System.getProperty("noodlevision.project.dir");
    return dir != null ? Paths.get(dir) : Paths.get("").toAbsolutePath().getParent();
  }

  /** The runnable blocks of one markdown file. */
  static List<Block> runnableBlocks(Path markdown) throws IOException {
    List<String> lines = Files.readAllLines(markdown, StandardCharsets.UTF_8);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (lines.get(i).trim().equals(MARKER) && lines.get(i + 1).trim().equals("```bash")) {
        StringBuilder script = new StringBuilder();
        int j = i + 2;
        while (j < lines.size() && !lines.get(j).trim().equals("```")) {
          script.append(lines.get(j)).append('\n');
          j++;
        }
        blocks.add(new Block(markdown, i + 3, script.toString()));
        i = j;
      }
    }
    return blocks;
  }

  static List<Path> markdownFiles() throws IOException {
    Path root = projectDir();
    List<Path> files = new ArrayList<>(List.of(root.resolve("README.md")));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    return files;
  }

  @TestFactory
  List<DynamicTest> everyRunnableBlock_exitsZero() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path md : markdownFiles()) {
      for (Block b : runnableBlocks(md)) {
        String name = projectDir().relativize(b.file()) + ":" + b.line();
        tests.add(DynamicTest.dynamicTest(name, () -> run(b)));
      }
    }
    assertTrue(tests.size() >= 5, "expected the README's and docs' runnable blocks, found " + tests.size());
    return tests;
  }

  @TestFactory
  List<DynamicTest> readmeQuickStart_isRunnableAndExtracts() throws IOException {
    List<Block> readme = runnableBlocks(projectDir().resolve("README.md"));
    assertTrue(readme.stream().anyMatch(b -> b.script().startsWith("bin/noodlevision extract --input examples/audio")),
        "README's first runnable block is the extract quick start");
    String readmeText = Files.readString(projectDir().resolve("README.md"));
    String ci = Files.readString(projectDir().resolve(".ci/run"));
    return List.of(DynamicTest.dynamicTest("README test command is .ci/run's", () -> {
      assertTrue(readmeText.contains("./mvnw -B -ntp verify"));
      assertTrue(ci.contains("./mvnw -B -ntp verify"));
    }));
  }

  private static void run(Block block) throws IOException, InterruptedException {
    String script = block.script().replace("/tmp/nv-", work.toString() + "/nv-");
    Path log = Files.createTempFile(work, "block", ".log");
    ProcessBuilder pb = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script)
        .directory(projectDir().toFile())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("NOODLEVISION_NO_BUILD", "1");
    pb.environment().put("NOODLEVISION_DRIVER_MEMORY", "1g");
    Process p = pb.start();
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("timed out after 300 s: " + script + "\n" + Files.readString(log));
    }
    assertEquals(0, p.exitValue(), "failed: " + script + "\n" + Files.readString(log));
  }
}

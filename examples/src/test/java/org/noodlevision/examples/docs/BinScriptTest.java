package org.noodlevision.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code bin/noodlevision} itself: each command's --help, unknown commands, bad flags, odd arguments. */
class BinScriptTest {
  record Result(int status, String out, String err) {}

  static Result bin(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("bin/noodlevision"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(DocumentedCommandsTest.projectDir().toFile());
    pb.environment().put("NOODLEVISION_NO_BUILD", "1");
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"extract", "render", "bench", "info"})
  void everyCommand_hasHelp(String command) throws Exception {
    Result r = bin(command, "--help");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().startsWith("Usage: noodlevision " + command), r.out());
  }

  @Test
  void noCommand_orUnknownCommand_exit2_withTheCommandList() throws Exception {
    Result none = bin();
    assertEquals(2, none.status());
    assertTrue(none.err().contains("extract") && none.err().contains("render"), none.err());
    Result unknown = bin("transcode");
    assertEquals(2, unknown.status());
    assertTrue(unknown.err().contains("unknown command 'transcode'"), unknown.err());
    Result help = bin("help");
    assertEquals(0, help.status());
    assertTrue(help.out().contains("info"));
  }

  @Test
  void badFlag_exit2_oneLine() throws Exception {
    Result r = bin("extract", "--input", "examples/audio", "--output", "/nonexistent/x", "--format", "xml");
    assertEquals(2, r.status());
    String err = r.err().strip();
    assertFalse(err.contains("\n"), err);
    assertTrue(err.contains("'--format'") && err.contains("parquet, json"), err);
  }

  @Test
  void argumentsWithShellCharacters_arePassedAsOneWordEach() throws Exception {
    // were an argument ever evaluated by a shell, $(...) would run and ';' would split the command
    Result r = bin("render", "--input", "no such file; $(touch /tmp/nv-injected) `id`", "--output", "/tmp/x.png");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("no such file; $(touch /tmp/nv-injected) `id`"), r.err());
    assertFalse(new java.io.File("/tmp/nv-injected").exists(), "the argument was run by a shell");
  }
}

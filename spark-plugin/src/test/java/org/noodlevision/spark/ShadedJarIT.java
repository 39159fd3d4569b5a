package org.noodlevision.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs Spark (local-cluster, one executor) in a separate JVM that sees Spark's own jars and the shaded spark-plugin
 * jar only: no target/classes, no audio-ops, no third-party library that the shaded jar carries. Runs after
 * {@code package} (surefire execution in the integration-test phase).
 */
class ShadedJarIT {
  /** Jars the shaded jar carries (relocated or not): they must come from it, never from the classpath. */
  private static final List<String> CARRIED = List.of("/audio-ops", "/spark-plugin/target/", "oshi-core",
      "jcuda", "/jna");

  @TempDir
  Path work;

  @Test
  void sparkWithOnlyTheShadedJar_runsThePlugin() throws Exception {
    String shadedJar = System.getProperty("noodlevision.shadedJar");
    Assumptions.assumeTrue(shadedJar != null,
        "ShadedJarIT runs in the integration-test phase (after package), where surefire sets noodlevision.shadedJar");
    Path shaded = Path.of(shadedJar);
    assertTrue(Files.isRegularFile(shaded), shaded + " missing: run through `./mvnw verify` (after package)");
    checkLayout(shaded);

    String sparkOnly = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> CARRIED.stream().noneMatch(e::contains))
        .collect(Collectors.joining(File.pathSeparator));
    Path smokeJar = smokeJar();
    Files.createDirectories(Path.of(System.getenv("SPARK_HOME"), "jars"));

    ForkedJvm.Result smoke = ForkedJvm.run(List.of("-Xmx1g"),
        sparkOnly + File.pathSeparator + shaded + File.pathSeparator + smokeJar,
        "org.noodlevision.shadedcheck.ShadedJarSmokeMain", List.of(shaded.toUri().toString(),
            smokeJar.toUri().toString(), sparkOnly, System.getProperty("noodlevision.test.jvmOpens")),
        work.resolve("smoke.log"), 4 * 60);
    String output = smoke.output();
    assertTrue(smoke.finished(), "smoke run did not finish:\n" + output);
    assertEquals(0, smoke.exitCode(), output);
    assertTrue(output.contains("SHADED-JAR-OK"), output);
  }

  private static void checkLayout(Path shaded) throws IOException {
    try (JarFile jar = new JarFile(shaded.toFile())) {
      List<String> names = jar.stream().map(JarEntry::getName).toList();
      for (String required : List.of("org/noodlevision/spark/NoodleVisionPlugin.class",
          "org/noodlevision/memory/MemoryManager.class", "org/noodlevision/shaded/oshi/SystemInfo.class",
          "jcuda/driver/JCudaDriver.class",
          "com/sun/jna/Native.class")) {
        assertTrue(names.contains(required), required + " missing from the shaded jar");
      }
      for (String forbidden : List.of("oshi/", "org/apache/spark/", "scala/",
          "org/apache/arrow/", "io/netty/", "org/slf4j/")) {
        assertTrue(names.stream().noneMatch(n -> n.startsWith(forbidden)), forbidden + " must not be in the shaded jar");
      }
    }
  }

  /** A jar of ShadedJarSmokeMain and its lambdas, copied from the test classes. */
  private Path smokeJar() throws IOException {
    Path jar = work.resolve("smoke.jar");
    Path dir = Path.of(ShadedJarIT.class.getProtectionDomain().getCodeSource().getLocation().getPath(),
        "org", "noodlevision", "shadedcheck");
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out);
         var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        jos.putNextEntry(new JarEntry("org/noodlevision/shadedcheck/" + f.getFileName()));
        try (InputStream in = Files.newInputStream(f)) {
          in.transferTo(jos);
        }
        jos.closeEntry();
      }
    }
    return jar;
  }
}

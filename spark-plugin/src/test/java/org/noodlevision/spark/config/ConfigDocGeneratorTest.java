package org.noodlevision.spark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigDocGeneratorTest {
  private static final Path DOC = Path.of(System.getProperty("basedir", "."), "..", "docs", "configuration.md");

  @Test
  void docsConfigurationMd_isUpToDateWithTheRegistry() throws IOException {
    if (Boolean.getBoolean("noodlevision.regenerateDocs")) {
      Files.writeString(DOC, ConfigDocGenerator.render(), StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(DOC), DOC + " is missing. " + howToRegenerate());
    assertEquals(ConfigDocGenerator.render(), Files.readString(DOC, StandardCharsets.UTF_8),
        "docs/configuration.md is stale: it must be generated from NoodleVisionConf. " + howToRegenerate());
  }

  @Test
  void generatedDoc_listsEveryKeyWithItsDefault() {
    String md = ConfigDocGenerator.render();
    for (ConfigEntry<?> e : NoodleVisionConf.allEntries()) {
      assertTrue(md.contains("| `" + e.key() + "` |"), e.key());
      e.defaultText().ifPresent(d -> assertTrue(md.contains("`" + d + "`"), e.key() + " default " + d));
    }
  }

  private static String howToRegenerate() {
    return "Regenerate it from the repository root with: ./mvnw -q -pl spark-plugin -am test "
        + "-Dtest=ConfigDocGeneratorTest -Dsurefire.failIfNoSpecifiedTests=false -Dnoodlevision.regenerateDocs=true "
        + "(or: java -cp spark-plugin/target/classes:audio-ops/target/classes "
        + "org.noodlevision.spark.config.ConfigDocGenerator docs/configuration.md)";
  }
}

package org.noodlevision.examples.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noodlevision.examples.ExtractJob;

/**
 * In a real browser (Debian's chromium, headless, driven by playwright-core from examples/ui-check), the Spark UI's
 * stage page of a finished extract job lists the job's accumulators, and the driver's /metrics/prometheus lists the
 * plugin's pool gauges. Skipped when chromium or playwright-core is
 * not installed: {@code apt-get install -y chromium && (cd examples/ui-check && npm install)}.
 */
class ExtractBrowserTest {
  @TempDir Path work;

  @Test
  void stagePage_inChromium_listsTheExtractAccumulators() throws Exception {
    Path checkDir = SampleAudio.projectDir().resolve("examples/ui-check");
    String chromium = System.getenv().getOrDefault("NOODLEVISION_CHROMIUM", "/usr/bin/chromium");
    assumeTrue(Files.isExecutable(Path.of(chromium)), "no chromium at " + chromium
        + ": apt-get install -y chromium (or set NOODLEVISION_CHROMIUM)");
    assumeTrue(Files.isDirectory(checkDir.resolve("node_modules/playwright-core")),
        "playwright-core not installed: (cd examples/ui-check && npm install)");

    Path audio = Files.createDirectories(work.resolve("audio"));
    SampleAudio.copyWithBrokenFile(audio);
    SparkSession spark = SparkSession.builder().master("local[2]").appName("ExtractBrowserTest")
        .config("spark.ui.enabled", "true").config("spark.ui.port", "0")
        .config("spark.plugins", "org.noodlevision.spark.NoodleVisionPlugin")
        .config("spark.metrics.conf.*.sink.prometheusServlet.class",
            "org.apache.spark.metrics.sink.PrometheusServlet")
        .config("spark.metrics.conf.*.sink.prometheusServlet.path", "/metrics/prometheus")
        .getOrCreate();
    try {
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status = ExtractJob.run(new String[] {"--input", audio.toString(), "--output",
          work.resolve("out").toString(), "--features", "chroma"}, new PrintStream(new ByteArrayOutputStream()),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(0, status, err.toString(StandardCharsets.UTF_8));

      Path log = work.resolve("browser.log");
      Process p = new ProcessBuilder("node", "stage-page.mjs", spark.sparkContext().uiWebUrl().get(),
          spark.sparkContext().applicationId(), "--accumulator", "noodlevision.extract.files_ok",
          "--accumulator", "noodlevision.filesFailed", "--accumulator", "noodlevision.framesComputed",
          "--prometheus", "cluster_total_cpuPool_usedBytes", "--prometheus", "cluster_total_gpuPool_usedBytes")
          .directory(checkDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      boolean done = p.waitFor(180, TimeUnit.SECONDS);
      if (!done) {
        p.destroyForcibly();
      }
      String output = Files.readString(log);
      assertTrue(done, "browser check timed out: " + output);
      assertEquals(0, p.exitValue(), output);
      assertTrue(output.contains("noodlevision.extract.files_ok"), output);
      assertTrue(output.contains("seen on /metrics/prometheus/"), output);
    } finally {
      spark.stop();
    }
  }
}

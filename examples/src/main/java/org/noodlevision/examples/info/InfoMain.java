package org.noodlevision.examples.info;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import org.noodlevision.audio.features.FeatureParams;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;

/**
 * {@code noodlevision info}: what this machine offers NoodleVision. Java and Spark versions, CPU and memory (OSHI),
 * GPU and driver (JCuda), the backend {@code spark.noodlevision.gpu.enabled=auto} would pick, and the effective
 * configuration: the {@code spark.*} settings of conf/spark-defaults.conf and the feature defaults.
 */
public final class InfoMain {
  static final String USAGE = String.join("\n",
      "Usage: noodlevision info [--conf-file FILE]",
      "",
      "Prints Java, Spark, CPU and memory (OSHI), GPU and CUDA driver (JCuda), the backend that",
      "spark.noodlevision.gpu.enabled=auto would pick on this machine, and the effective configuration:",
      "the settings of conf/spark-defaults.conf (or --conf-file) and the feature parameter defaults.");

  private InfoMain() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Prints the report; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path confFile = defaultConfFile();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--help") || args[i].equals("-h")) {
        out.println(USAGE);
        return 0;
      } else if (args[i].equals("--conf-file") && i + 1 < args.length) {
        confFile = Paths.get(args[++i]);
      } else {
        err.println("info: Invalid value for '" + args[i] + "'. Allowed: --conf-file FILE, --help.");
        return 2;
      }
    }
    section(out, "Java");
    row(out, "version", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
    row(out, "vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
    row(out, "max heap", gib(Runtime.getRuntime().maxMemory()));
    section(out, "Spark");
    row(out, "version", org.apache.spark.package$.MODULE$.SPARK_VERSION());
    row(out, "scala", scala.util.Properties.versionNumberString());

    SystemInfo system = new SystemInfo();
    CentralProcessor cpu = system.getHardware().getProcessor();
    GlobalMemory memory = system.getHardware().getMemory();
    section(out, "CPU and memory (OSHI)");
    row(out, "cpu", cpu.getProcessorIdentifier().getName().trim());
    row(out, "cores", cpu.getPhysicalProcessorCount() + " physical, " + cpu.getLogicalProcessorCount() + " logical");
    row(out, "memory", gib(memory.getAvailable()) + " available of " + gib(memory.getTotal()));
    row(out, "os", String.valueOf(system.getOperatingSystem()));

    GpuProbe.Result gpu = GpuProbe.probe();
    section(out, "GPU (JCuda)");
    if (gpu.driverVersion() != null) {
      row(out, "driver", gpu.driverVersion());
    }
    for (String d : gpu.devices()) {
      row(out, "device", d);
    }
    if (gpu.unavailableReason() != null) {
      row(out, "status", gpu.unavailableReason());
    }
    row(out, "backend (gpu.enabled=auto)", gpu.available() ? "GPU (device 0 unless Spark assigns one)" : "CPU");

    section(out, "Configuration");
    row(out, "spark defaults", confFile == null ? "(none found)" : confFile.toString());
    if (confFile != null) {
      printSettings(out, confFile);
    }
    row(out, "feature defaults", FeatureParams.defaults().toString());
    return 0;
  }

  /** {@code $noodlevision.home/conf/spark-defaults.conf} (set by bin/noodlevision), or ./conf/, if present. */
  private static Path defaultConfFile() {
    String home = System.getProperty("noodlevision.home", ".");
    Path p = Paths.get(home, "conf", "spark-defaults.conf");
    return Files.isRegularFile(p) ? p : null;
  }

  private static void printSettings(PrintStream out, Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      row(out, "error", "cannot read " + file + ": " + e.getMessage());
      return;
    }
    for (String line : lines) {
      String t = line.trim();
      if (!t.isEmpty() && !t.startsWith("#")) {
        String[] kv = t.split("\\s+", 2);
        row(out, "  " + kv[0], kv.length > 1 ? kv[1] : "");
      }
    }
  }

  private static void section(PrintStream out, String title) {
    out.println();
    out.println("== " + title);
  }

  private static void row(PrintStream out, String key, String value) {
    out.printf(Locale.ROOT, "%-34s %s%n", key, value);
  }

  static String gib(long bytes) {
    return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
  }
}

package org.noodlevision.spark;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkEnv;
import org.noodlevision.memory.LeakReport;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.spark.config.NoodleVisionConf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * Task code's access to this JVM's {@link MemoryManager}.
 *
 * <p>With the plugin enabled ({@code spark.plugins=org.noodlevision.spark.NoodleVisionPlugin}),
 * {@link #memoryManager()} is the executor's one manager, built by the executor plugin from the
 * {@code spark.noodlevision.*} settings, its allocations attributed to the running task and released with the
 * executor. In local mode the executor runs in the driver's JVM, so driver code gets the same manager.
 *
 * <p>Without the plugin (or before it started, or after it shut down) a <em>fallback manager</em> is created on
 * first use, so functions still work: it is built from the {@code spark.noodlevision.*} settings of this JVM's
 * SparkConf when Spark is running (defaults otherwise), on device 0, without task attribution, metrics or driver
 * reports, and is shut down (leak report logged) when the JVM exits.
 */
public final class NoodleVisionExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(NoodleVisionExecutor.class);
  private static final AtomicInteger PLUGIN_INITS = new AtomicInteger();
  private static volatile ExecutorResources active;
  private static MemoryManager fallback;

  private NoodleVisionExecutor() {
  }

  /** The executor plugin's manager when the plugin runs in this JVM, else the fallback manager. */
  public static MemoryManager memoryManager() {
    ExecutorResources r = active;
    return r != null ? r.manager() : fallbackManager();
  }

  /** Whether the executor plugin is running in this JVM. */
  public static boolean pluginActive() {
    return active != null;
  }

  /** How many times the executor plugin was initialised in this JVM (1 on a healthy executor). */
  public static int pluginInits() {
    return PLUGIN_INITS.get();
  }

  /** The fallback manager if one was created (for tests and diagnostics). */
  static synchronized Optional<MemoryManager> existingFallback() {
    return Optional.ofNullable(fallback);
  }

  static void attach(ExecutorResources resources) {
    PLUGIN_INITS.incrementAndGet();
    active = resources;
  }

  static void detach(ExecutorResources resources) {
    if (active == resources) {
      active = null;
    }
  }

  private static synchronized MemoryManager fallbackManager() {
    if (fallback == null) {
      NoodleVisionConf conf = NoodleVisionConf.from(sparkSettings());
      fallback = new MemoryManager(MemoryConfigs.from(conf, conf.get(NoodleVisionConf.GPU_DEFAULT_DEVICE)));
      LOG.info("NoodleVision plugin not active in this JVM: created a fallback MemoryManager ({})",
          conf.asMap());
      MemoryManager created = fallback;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        LeakReport leaks = created.shutdown();
        if (!leaks.isEmpty()) {
          LOG.warn("Fallback MemoryManager shut down with memory still allocated: {}", leaks);
        }
      }, "noodlevision-fallback-shutdown"));
    }
    return fallback;
  }

  private static Map<String, String> sparkSettings() {
    Map<String, String> settings = new HashMap<>();
    SparkEnv env = SparkEnv.get();
    if (env != null) {
      for (Tuple2<String, String> kv : env.conf().getAll()) {
        settings.put(kv._1(), kv._2());
      }
    }
    return settings;
  }
}

package org.noodlevision.examples;

import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.NoodleVisionException;
import org.noodlevision.examples.extract.ExtractArguments;
import org.noodlevision.examples.extract.ExtractOptions;
import org.noodlevision.examples.extract.FeatureExtraction;

/**
 * The main job: {@code extract --input PATH ... --output DIR [options]} (see {@link ExtractArguments#USAGE}).
 * Runs as {@code bin/noodlevision extract ...} or under spark-submit:
 * <pre>
 * spark-submit --class org.noodlevision.examples.ExtractJob examples/target/examples-0.1.0-SNAPSHOT.jar \
 *   --input examples/audio --output /tmp/nv-out
 * </pre>
 * Exit status 0 on success, 2 for a bad command line, 1 when the job fails; the reason is one line on stderr.
 */
public final class ExtractJob {
  static final String DEFAULT_MASTER = "local[*]";
  static final String PLUGINS_KEY = "spark.plugins";
  static final String PROGRESS_KEY = "spark.ui.showConsoleProgress";
  static final String PLUGIN_CLASS = "org.noodlevision.spark.NoodleVisionPlugin";

  private ExtractJob() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  /**
   * Runs the job and returns the exit status. Reuses the active SparkSession when there is one (and leaves it
   * running); otherwise creates one and stops it at the end.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (ExtractArguments.wantsHelp(args)) {
      out.println(ExtractArguments.USAGE);
      return 0;
    }
    ExtractOptions options;
    FeatureExtraction.Plan plan;
    try {
      options = ExtractArguments.parse(args);
      plan = FeatureExtraction.plan(options);
    } catch (InvalidParameterException e) {
      err.println("extract: " + e.getMessage() + " (see --help)");
      return 2;
    }
    boolean ownSession = SparkSession.getActiveSession().isEmpty() && SparkSession.getDefaultSession().isEmpty();
    SparkSession spark = null;
    try {
      spark = session(options);
      long start = System.nanoTime();
      FeatureExtraction.Summary s = FeatureExtraction.run(options, plan, spark);
      out.printf(Locale.ROOT, "extract: %d files, %d rows (%d with errors, mode %s) written as %s to %s in %.1f s%n",
          s.files(), s.rowsWritten(), s.failed(), options.mode(), options.format().sparkName(), s.output(),
          (System.nanoTime() - start) / 1e9);
      return 0;
    } catch (Exception e) { // SparkException is checked, yet thrown through Dataset.save
      err.println("extract: " + oneLineReason(e));
      return 1;
    } finally {
      if (ownSession && spark != null) {
        spark.stop();
      }
    }
  }

  private static SparkSession session(ExtractOptions options) {
    SparkSession.Builder builder = SparkSession.builder().appName("noodlevision extract");
    if (options.master() != null) {
      builder.master(options.master());
    } else if (System.getProperty("spark.master") == null) {
      builder.master(DEFAULT_MASTER); // spark-submit sets spark.master; plain java does not
    }
    if (!options.sparkConf().containsKey(PLUGINS_KEY) && System.getProperty(PLUGINS_KEY) == null
        && pluginOnClasspath()) {
      builder.config(PLUGINS_KEY, PLUGIN_CLASS); // the memory manager and its metrics; --conf spark.plugins= disables
    }
    if (System.console() != null && System.getProperty(PROGRESS_KEY) == null) {
      builder.config(PROGRESS_KEY, "true"); // Spark's console progress bar, on a terminal only
    }
    options.sparkConf().forEach(builder::config);
    return builder.getOrCreate();
  }

  private static boolean pluginOnClasspath() {
    try {
      Class.forName(PLUGIN_CLASS, false, ExtractJob.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** The message of our own exception in the cause chain (Spark wraps task failures), else the first line. */
  static String oneLineReason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof NoodleVisionException) {
        return firstLine(t.getMessage());
      }
    }
    return e.getClass().getSimpleName() + ": " + firstLine(e.getMessage());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}

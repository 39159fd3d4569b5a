package org.noodlevision.spark.compute;

import org.apache.spark.SparkEnv;
import org.apache.spark.sql.internal.SQLConf;

/**
 * A setting as it applies where a feature is computed: the session's value ({@code spark.conf.set(...)} in a notebook
 * applies: Spark hands a query's session settings to its tasks, and the driver evaluates constant plans with the
 * active session's), else the application's ({@code --conf}), else none.
 */
final class TaskSetting {
  private TaskSetting() {}

  /** The value of {@code key} here, or null when neither the session nor the application sets it. */
  static String value(String key) {
    String v = SQLConf.get().getConfString(key, null);
    if (v == null) {
      SparkEnv env = SparkEnv.get();
      v = env == null ? null : env.conf().get(key, null);
    }
    return v;
  }
}

package org.noodlevision.spark.compute;

import java.util.Map;
import org.apache.spark.SparkEnv;
import org.apache.spark.sql.internal.SQLConf;
import org.noodlevision.gpu.ComputeBackend;
import org.noodlevision.spark.config.NoodleVisionConf;

/**
 * The {@code spark.noodlevision.backend} setting ({@code auto|cpu|gpu}) in effect where a feature is computed: the
 * session's value ({@code spark.conf.set(...)} in a notebook applies: Spark hands a query's session settings to its
 * tasks, and the driver evaluates constant plans with the active session's), else the application's
 * ({@code --conf}), else {@code auto}.
 */
final class BackendSetting {
  static final String KEY = NoodleVisionConf.COMPUTE_BACKEND.key();

  private BackendSetting() {}

  /**
   * The backend for this thread's task.
   *
   * @throws org.noodlevision.InvalidParameterException naming the setting when its value is not auto, cpu or gpu
   */
  static ComputeBackend current() {
    String v = SQLConf.get().getConfString(KEY, null);
    if (v == null) {
      SparkEnv env = SparkEnv.get();
      v = env == null ? null : env.conf().get(KEY, null);
    }
    Map<String, String> settings = v == null ? Map.of() : Map.of(KEY, v);
    return ComputeBackend.fromName(KEY, NoodleVisionConf.COMPUTE_BACKEND.get(settings));
  }
}

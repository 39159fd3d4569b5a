package org.noodlevision.spark.compute;

import java.util.Map;
import org.noodlevision.gpu.ComputeBackend;
import org.noodlevision.spark.config.NoodleVisionConf;

/**
 * The {@code spark.noodlevision.backend} setting ({@code auto|cpu|gpu}) in effect where a feature is computed
 * ({@link TaskSetting}: the session's value, else the application's), else {@code auto}.
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
    String v = TaskSetting.value(KEY);
    Map<String, String> settings = v == null ? Map.of() : Map.of(KEY, v);
    return ComputeBackend.fromName(KEY, NoodleVisionConf.COMPUTE_BACKEND.get(settings));
  }
}

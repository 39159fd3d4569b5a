package org.noodlevision.memory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * System and process memory as read by {@link SystemMemoryMonitor} (the seed's {@code get_memory_info()}).
 *
 * @param processRss resident set size of this JVM process, bytes
 * @param systemUsed physical memory in use on the machine, bytes
 * @param systemAvailable physical memory available to new work, bytes
 * @param systemTotal physical memory of the machine, bytes
 */
public record MemoryInfo(long processRss, long systemUsed, long systemAvailable, long systemTotal) {

  /** Keys as the seed's dict: {@code process_rss}, {@code system_used}, {@code system_available}. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("process_rss", processRss);
    m.put("system_used", systemUsed);
    m.put("system_available", systemAvailable);
    m.put("system_total", systemTotal);
    return m;
  }
}

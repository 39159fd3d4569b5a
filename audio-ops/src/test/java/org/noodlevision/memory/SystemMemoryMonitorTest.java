package org.noodlevision.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reads real figures through OSHI and checks they are consistent with each other and with the JVM. */
class SystemMemoryMonitorTest {

  @Test
  void memoryInfo_isConsistent_andKeyedAsTheSeed() {
    SystemMemoryMonitor monitor = new SystemMemoryMonitor();
    MemoryInfo info = monitor.getMemoryInfo();
    assertTrue(info.systemTotal() > 0);
    assertTrue(info.systemAvailable() > 0 && info.systemAvailable() <= info.systemTotal());
    assertEquals(info.systemTotal(), info.systemUsed() + info.systemAvailable());
    long heapUsed = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    assertTrue(info.processRss() > 0, "process RSS read");
    assertTrue(info.processRss() < info.systemTotal());
    assertTrue(info.processRss() > heapUsed / 4, "RSS " + info.processRss() + " vs heap in use " + heapUsed);
    Map<String, Object> m = info.toMap();
    assertEquals(info.processRss(), m.get("process_rss"));
    assertEquals(info.systemUsed(), m.get("system_used"));
    assertEquals(info.systemAvailable(), m.get("system_available"));
    long available = monitor.getAvailableMemory();
    assertTrue(available > 0 && available <= info.systemTotal());
  }

  @Test
  void processRss_growsWhenMemoryIsTouched() {
    SystemMemoryMonitor monitor = new SystemMemoryMonitor();
    long before = monitor.getMemoryInfo().processRss();
    ByteBuffer big = ByteBuffer.allocateDirect(64 << 20);
    for (int i = 0; i < big.capacity(); i += 4096) {
      big.put(i, (byte) 1);
    }
    long after = monitor.getMemoryInfo().processRss();
    assertTrue(after - before > 32L << 20, "RSS grew by " + (after - before) + " bytes after touching 64 MiB");
    assertEquals(1, big.get(4096));
  }
}

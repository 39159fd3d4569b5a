package org.noodlevision.memory;

import oshi.SystemInfo;
import oshi.hardware.GlobalMemory;
import oshi.software.os.OSProcess;
import oshi.software.os.OperatingSystem;

/**
 * Reads machine and process memory through OSHI. Thread-safe; OSHI's objects are created once per monitor.
 */
public final class SystemMemoryMonitor {
  private final GlobalMemory memory;
  private final OperatingSystem os;
  private final int pid;

  public SystemMemoryMonitor() {
    SystemInfo si = new SystemInfo();
    this.memory = si.getHardware().getMemory();
    this.os = si.getOperatingSystem();
    this.pid = os.getProcessId();
  }

  /** Process RSS, system used, available and total memory, read now. */
  public MemoryInfo getMemoryInfo() {
    long total = memory.getTotal();
    long available = memory.getAvailable();
    OSProcess self = os.getProcess(pid);
    long rss = self == null ? 0L : self.getResidentSetSize();
    return new MemoryInfo(rss, total - available, available, total);
  }

  /** Physical memory available on the machine now, bytes. */
  public long getAvailableMemory() {
    return memory.getAvailable();
  }
}

package org.noodlevision.spark.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.memory.EvictionPolicy;
import org.noodlevision.memory.GpuMode;
import org.noodlevision.memory.MemoryPolicy;

class NoodleVisionConfTest {

  @Test
  void defaults_whenNothingIsSet() {
    NoodleVisionConf conf = NoodleVisionConf.from(Map.of("spark.master", "local[2]"));
    assertEquals(MemoryPolicy.BALANCED, conf.get(NoodleVisionConf.MEMORY_POLICY));
    assertEquals(256L << 20, conf.get(NoodleVisionConf.CPU_POOL_SIZE));
    assertEquals(GpuMode.AUTO, conf.get(NoodleVisionConf.GPU_MODE));
    assertEquals(5000L, conf.get(NoodleVisionConf.METRICS_REPORT_INTERVAL));
    assertFalse(conf.get(NoodleVisionConf.LEAK_DEBUG));
    assertTrue(conf.getOptional(NoodleVisionConf.BLOCK_SIZE).isEmpty());
    assertTrue(conf.asMap().isEmpty(), "only spark.noodlevision.* keys are kept");
  }

  @Test
  void typedValues_areParsed() {
    NoodleVisionConf conf = NoodleVisionConf.from(Map.of(
        "spark.noodlevision.memory.policy", "Aggressive-Reuse",
        "spark.noodlevision.memory.cpu.poolSize", "2g",
        "spark.noodlevision.memory.blockSize", "64k",
        "spark.noodlevision.gpu.enabled", "off",
        "spark.noodlevision.cache.eviction", "lfu",
        "spark.noodlevision.metrics.reportInterval", "2min",
        "spark.noodlevision.memory.gpu.poolFraction", "0.25",
        "spark.noodlevision.memory.leakDebug", "TRUE"));
    assertEquals(MemoryPolicy.AGGRESSIVE_REUSE, conf.get(NoodleVisionConf.MEMORY_POLICY));
    assertEquals(2L << 30, conf.get(NoodleVisionConf.CPU_POOL_SIZE));
    assertEquals(64L << 10, conf.getOptional(NoodleVisionConf.BLOCK_SIZE).orElseThrow());
    assertEquals(GpuMode.OFF, conf.get(NoodleVisionConf.GPU_MODE));
    assertEquals(EvictionPolicy.LFU, conf.getOptional(NoodleVisionConf.CACHE_EVICTION).orElseThrow());
    assertEquals(120_000L, conf.get(NoodleVisionConf.METRICS_REPORT_INTERVAL));
    assertEquals(0.25, conf.get(NoodleVisionConf.GPU_POOL_FRACTION));
    assertTrue(conf.get(NoodleVisionConf.LEAK_DEBUG));
  }

  @Test
  void badValue_messageNamesKeyValueAndAllowed() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> NoodleVisionConf.from(Map.of("spark.noodlevision.memory.policy", "fastest")));
    assertEquals("spark.noodlevision.memory.policy", e.parameter());
    assertTrue(e.getMessage().contains("'fastest'"), e.getMessage());
    assertTrue(e.getMessage().contains("conservative, balanced, aggressive_reuse, quality_first, latency_first"),
        e.getMessage());
  }

  @Test
  void outOfRangeValues_areRejectedNotClamped() {
    assertRejected("spark.noodlevision.memory.gpu.poolFraction", "1.5", "(0, 1]");
    assertRejected("spark.noodlevision.memory.gpu.poolFraction", "0", "(0, 1]");
    assertRejected("spark.noodlevision.memory.blockSize", "3000", "power of two");
    assertRejected("spark.noodlevision.memory.cpu.poolSize", "12x", "size");
    assertRejected("spark.noodlevision.memory.cpu.poolSize", "100k", "at least 1m");
    assertRejected("spark.noodlevision.metrics.reportInterval", "10ms", "at least 100ms");
    assertRejected("spark.noodlevision.memory.leakDebug", "yes", "true or false");
    assertRejected("spark.noodlevision.cache.maxEntries", "-1", ">= 0");
    assertRejected("spark.noodlevision.backend", "tpu", "auto, cpu, gpu");
  }

  @Test
  void unknownKey_underPrefix_isRejectedWithTheKnownKeys() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> NoodleVisionConf.from(Map.of("spark.noodlevision.memory.pollicy", "balanced")));
    assertEquals("spark.noodlevision.memory.pollicy", e.parameter());
    assertTrue(e.getMessage().contains("spark.noodlevision.memory.policy"), e.getMessage());
  }

  @Test
  void everyEntry_hasDocTypeAndUniqueKey() {
    Set<String> keys = new HashSet<>();
    for (ConfigEntry<?> e : NoodleVisionConf.allEntries()) {
      assertTrue(e.key().startsWith(NoodleVisionConf.PREFIX), e.key());
      assertTrue(e.doc().length() > 20, "doc of " + e.key());
      assertFalse(e.allowed().isBlank(), "allowed of " + e.key());
      assertTrue(keys.add(e.key()), "duplicate " + e.key());
    }
    assertTrue(keys.size() >= 10, "registry has " + keys.size() + " settings");
  }

  @Test
  void sizesAndDurations_parse() {
    assertEquals(512L, ConfigValues.parseBytes("512"));
    assertEquals(512L, ConfigValues.parseBytes("512b"));
    assertEquals(3L << 20, ConfigValues.parseBytes("3MB"));
    assertEquals(3L << 30, ConfigValues.parseBytes("3gib"));
    assertEquals(250L, ConfigValues.parseDurationMillis("250ms"));
    assertEquals(250L, ConfigValues.parseDurationMillis("250"));
    assertEquals(3_600_000L, ConfigValues.parseDurationMillis("1h"));
    assertThrows(NumberFormatException.class, () -> ConfigValues.parseBytes("-5m"));
  }

  private static void assertRejected(String key, String value, String allowedFragment) {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> NoodleVisionConf.from(Map.of(key, value)), key + "=" + value);
    assertEquals(key, e.parameter());
    assertTrue(e.getMessage().contains("'" + value + "'") && e.getMessage().contains(allowedFragment),
        e.getMessage());
  }
}

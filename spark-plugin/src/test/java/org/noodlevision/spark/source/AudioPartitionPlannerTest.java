package org.noodlevision.spark.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.internal.SQLConf;
import org.junit.jupiter.api.Test;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.spark.config.NoodleVisionConf;

class AudioPartitionPlannerTest {
  private static final long MAX = 128L << 20;
  private static final long OPEN_COST = 4L << 20;

  @Test
  void hugeFileAndSmallFiles_hugeFileAloneOthersSpread() {
    List<AudioFileEntry> files = new ArrayList<>();
    files.add(new AudioFileEntry("huge.wav", 10L << 30));
    for (int i = 0; i < 100; i++) {
      files.add(new AudioFileEntry("small" + i + ".wav", 1 << 20));
    }
    List<AudioFilePartition> plan = new AudioPartitionPlanner(2, MAX, OPEN_COST).plan(files);
    assertEquals(List.of(files.get(0)), plan.get(0).files(), "the huge file gets a task of its own");
    assertTrue(plan.size() >= 3, "the small files spread over more tasks: " + plan.size());
    assertEquals(files.size(), plan.stream().mapToInt(p -> p.files().size()).sum(), "every file planned once");
  }

  @Test
  void hundredThousandTinyFiles_packedIntoBoundedPartitions() {
    List<AudioFileEntry> files = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      files.add(new AudioFileEntry("tiny" + i + ".wav", 1000));
    }
    List<AudioFilePartition> plan = new AudioPartitionPlanner(2, MAX, OPEN_COST).plan(files);
    assertTrue(plan.size() >= 2 && plan.size() < files.size() / 10,
        "between the cores and one task per file: " + plan.size());
    for (AudioFilePartition p : plan) {
      assertTrue(p.files().size() * (1000 + OPEN_COST) <= MAX, "partition weight within maxPartitionBytes");
    }
    assertEquals(files.size(), plan.stream().mapToInt(p -> p.files().size()).sum());
  }

  @Test
  void fewSmallFiles_oneFilePerCoreAtLeast() {
    List<AudioFileEntry> files = List.of(new AudioFileEntry("a.wav", 100), new AudioFileEntry("b.wav", 100),
        new AudioFileEntry("c.wav", 100));
    assertEquals(3, new AudioPartitionPlanner(2, MAX, OPEN_COST).plan(files).size());
  }

  @Test
  void equalFiles_fillWholeWavesOfEqualTasks() {
    List<AudioFileEntry> files = new ArrayList<>();
    for (int i = 0; i < 360; i++) { // an hour of 10 s clips at 22.05 kHz, 16-bit mono
      files.add(new AudioFileEntry(String.format("clip%03d.wav", i), 441_044));
    }
    List<AudioFilePartition> plan = new AudioPartitionPlanner(2, MAX, OPEN_COST).plan(files);
    assertEquals(0, plan.size() % 2, "a whole number of waves on 2 cores: " + plan.size());
    int min = plan.stream().mapToInt(p -> p.files().size()).min().orElseThrow();
    int max = plan.stream().mapToInt(p -> p.files().size()).max().orElseThrow();
    assertTrue(max - min <= 1, "tasks of equal size: " + min + " to " + max + " files");
    assertTrue(max * (441_044 + OPEN_COST) <= MAX, "partition weight within maxPartitionBytes");
    assertEquals(files.size(), plan.stream().mapToInt(p -> p.files().size()).sum());
  }

  /** Ours when set; else Spark's when set; else 64 KiB. A bad value names our setting. */
  @Test
  void openCost_isOursWhenSet_elseSparksWhenSet_else64KiB() {
    String ours = NoodleVisionConf.SOURCE_OPEN_COST.key();
    String sparks = SQLConf.FILES_OPEN_COST_IN_BYTES().key();
    SQLConf conf = new SQLConf();
    assertEquals(64L << 10, AudioPartitionPlanner.openCostBytes(conf));
    conf.setConfString(sparks, "1m");
    assertEquals(1L << 20, AudioPartitionPlanner.openCostBytes(conf));
    conf.setConfString(ours, "16k");
    assertEquals(16L << 10, AudioPartitionPlanner.openCostBytes(conf));
    conf.setConfString(ours, "0");
    assertEquals(0, AudioPartitionPlanner.openCostBytes(conf));
    conf.setConfString(ours, "lots");
    InvalidParameterException e =
        assertThrows(InvalidParameterException.class, () -> AudioPartitionPlanner.openCostBytes(conf));
    assertEquals(ours, e.parameter());
  }

  /**
   * An hour of 2 s clips on 2 cores: with Spark's 4 MiB per file, 60 tasks of 30 files, whose fixed cost per task
   * (~2.4 ms of CPU) outweighed the audio in them; with the source's default, a few tasks of hundreds of files.
   */
  @Test
  void anHourOfShortClips_makesAFewLargeTasks_withTheSourcesOpenCost() {
    List<AudioFileEntry> files = new ArrayList<>();
    for (int i = 0; i < 1800; i++) {
      files.add(new AudioFileEntry(String.format("clip%04d.wav", i), 88_244));
    }
    assertEquals(60, new AudioPartitionPlanner(2, MAX, OPEN_COST).plan(files).size());
    List<AudioFilePartition> plan =
        new AudioPartitionPlanner(2, MAX, AudioPartitionPlanner.openCostBytes(new SQLConf())).plan(files);
    // 1800 x (88,244 + 65,536) bytes = 264 MiB: 3 partitions of at most 128 MiB, rounded up to 2 whole waves
    assertEquals(4, plan.size());
    for (AudioFilePartition p : plan) {
      assertEquals(450, p.files().size());
    }
  }

  /** Spark's spark.sql.files.minPartitionNum divides the weight, as in Spark's file sources; waves stay the cores'. */
  @Test
  void minPartitionNum_dividesTheWeight_elseTheCores() {
    SQLConf conf = new SQLConf();
    assertEquals(2, AudioPartitionPlanner.minPartitions(conf, 2));
    conf.setConfString(SQLConf.FILES_MIN_PARTITION_NUM().key(), "8");
    assertEquals(8, AudioPartitionPlanner.minPartitions(conf, 2));
    List<AudioFileEntry> files = new ArrayList<>();
    for (int i = 0; i < 360; i++) {
      files.add(new AudioFileEntry(String.format("clip%03d.wav", i), 441_044));
    }
    assertEquals(2, new AudioPartitionPlanner(2, 2, MAX, 64L << 10).plan(files).size());
    assertEquals(8, new AudioPartitionPlanner(2, 8, MAX, 64L << 10).plan(files).size());
    assertEquals(4, new AudioPartitionPlanner(2, 3, MAX, 64L << 10).plan(files).size(), "3 rounded up to 2 waves");
  }
}

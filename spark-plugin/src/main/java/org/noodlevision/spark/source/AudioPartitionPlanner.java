package org.noodlevision.spark.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.spark.sql.internal.SQLConf;
import org.noodlevision.spark.config.NoodleVisionConf;

/**
 * Plans input partitions from file count and bytes, as Spark's file sources do, then balances them over the cores.
 * Every file weighs its size plus an open cost ({@link #openCostBytes}: 64 KiB unless set, where Spark's file sources
 * use 4 MiB, since a byte of audio costs far more to decode and compute than a file costs to open); the target
 * weight of a partition is the total divided by the minimum partition count (the parallelism unless Spark's
 * {@code spark.sql.files.minPartitionNum} is set), bounded by the maximum partition bytes. The
 * partition count is the one Spark's packing gives (files largest first, a new partition when the target would be
 * passed), rounded up to a whole number of waves (a multiple of the parallelism) when it exceeds the parallelism;
 * then each file, largest first, goes to the lightest partition. So equal files make equal tasks and no core waits
 * alone for a last, partly filled wave. A huge file gets a task of its own while the rest spread over the other
 * cores; 100 000 tiny files become dozens of partitions of about two thousand files each (128 MiB / 64 KiB), never
 * one task per file and never one task for all.
 */
final class AudioPartitionPlanner {
  private final int parallelism;
  private final int minPartitions;
  private final long maxPartitionBytes;
  private final long openCostBytes;

  /**
   * @param parallelism the cores to spread over (Spark's default parallelism)
   * @param maxPartitionBytes upper bound of the target weight ({@code spark.sql.files.maxPartitionBytes})
   * @param openCostBytes the weight added per file ({@link #openCostBytes})
   */
  AudioPartitionPlanner(int parallelism, long maxPartitionBytes, long openCostBytes) {
    this(parallelism, parallelism, maxPartitionBytes, openCostBytes);
  }

  /**
   * @param parallelism the cores to spread over (Spark's default parallelism): partitions come in whole waves of it
   * @param minPartitions the partitions the total weight is divided into before the maximum applies
   *     ({@code spark.sql.files.minPartitionNum}, the parallelism when unset)
   * @param maxPartitionBytes upper bound of the target weight ({@code spark.sql.files.maxPartitionBytes})
   * @param openCostBytes the weight added per file ({@link #openCostBytes})
   */
  AudioPartitionPlanner(int parallelism, int minPartitions, long maxPartitionBytes, long openCostBytes) {
    this.parallelism = Math.max(1, parallelism);
    this.minPartitions = Math.max(1, minPartitions);
    this.maxPartitionBytes = Math.max(1, maxPartitionBytes);
    this.openCostBytes = Math.max(0, openCostBytes);
  }

  /**
   * The planner for a session: {@code cores} (its default parallelism), {@link #minPartitions},
   * {@code spark.sql.files.maxPartitionBytes} and {@link #openCostBytes} from {@code conf}.
   */
  static AudioPartitionPlanner of(SQLConf conf, int cores) {
    return new AudioPartitionPlanner(cores, minPartitions(conf, cores), conf.filesMaxPartitionBytes(),
        openCostBytes(conf));
  }

  /** Spark's {@code spark.sql.files.minPartitionNum} when the session or application sets it, else {@code cores}. */
  static int minPartitions(SQLConf conf, int cores) {
    scala.Option<Object> set = conf.filesMinPartitionNum();
    return set.isDefined() ? (Integer) set.get() : cores;
  }

  /**
   * The weight of opening a file under {@code conf} (a session's SQL configuration, which also holds the
   * application's settings): {@code spark.noodlevision.source.openCostInBytes} when set; else Spark's
   * {@code spark.sql.files.openCostInBytes} when the session or the application sets it; else the former's default.
   *
   * @throws org.noodlevision.InvalidParameterException naming the setting, for a value that is not a size in range
   */
  static long openCostBytes(SQLConf conf) {
    String key = NoodleVisionConf.SOURCE_OPEN_COST.key();
    String ours = conf.getConfString(key, null);
    if (ours == null && conf.contains(SQLConf.FILES_OPEN_COST_IN_BYTES().key())) {
      return conf.filesOpenCostInBytes();
    }
    return NoodleVisionConf.SOURCE_OPEN_COST.get(ours == null ? Map.of() : Map.of(key, ours));
  }

  /** One partition being filled: its files and their weight. */
  private static final class Bin {
    final int index;
    final List<AudioFileEntry> files = new ArrayList<>();
    long weight;

    Bin(int index) {
      this.index = index;
    }
  }

  List<AudioFilePartition> plan(List<AudioFileEntry> files) {
    List<AudioFileEntry> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparingLong(AudioFileEntry::length).reversed().thenComparing(AudioFileEntry::path));
    int count = sparkPartitionCount(sorted);
    if (count > parallelism) {
      count = (int) Math.min(sorted.size(), ((long) count + parallelism - 1) / parallelism * parallelism);
    }
    PriorityQueue<Bin> lightest = new PriorityQueue<>(
        Comparator.comparingLong((Bin b) -> b.weight).thenComparingInt(b -> b.index));
    List<Bin> bins = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      bins.add(new Bin(i));
      lightest.add(bins.get(i));
    }
    for (AudioFileEntry f : sorted) {
      Bin bin = lightest.poll();
      bin.files.add(f);
      bin.weight += f.length() + openCostBytes;
      lightest.add(bin);
    }
    List<AudioFilePartition> partitions = new ArrayList<>(count);
    for (Bin bin : bins) {
      if (!bin.files.isEmpty()) {
        partitions.add(new AudioFilePartition(bin.files));
      }
    }
    return partitions;
  }

  /** The number of partitions Spark's packing (next fit, largest first) makes of {@code sorted}. */
  private int sparkPartitionCount(List<AudioFileEntry> sorted) {
    long total = 0;
    for (AudioFileEntry f : sorted) {
      total += f.length() + openCostBytes;
    }
    long target = Math.max(1, Math.min(maxPartitionBytes, Math.max(openCostBytes, total / minPartitions)));
    int count = 0;
    long weight = 0;
    for (AudioFileEntry f : sorted) {
      long w = f.length() + openCostBytes;
      if (count == 0 || weight + w > target) {
        count++;
        weight = 0;
      }
      weight += w;
    }
    return count;
  }
}

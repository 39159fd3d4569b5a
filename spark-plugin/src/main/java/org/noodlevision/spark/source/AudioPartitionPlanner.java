package org.noodlevision.spark.source;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Plans input partitions from file count and bytes, as Spark's file sources do: every file weighs its size plus an
 * open cost, the target weight of a partition is the total divided by the parallelism (bounded by the maximum
 * partition bytes), and files are packed largest first. A huge file gets a task of its own while the rest spread
 * over the other cores; 100 000 tiny files become thousands of partitions of a few dozen files each (with Spark's
 * default 128 MiB / 4 MiB settings), never one task per file and never one task for all.
 */
final class AudioPartitionPlanner {
  private final int parallelism;
  private final long maxPartitionBytes;
  private final long openCostBytes;

  /**
   * @param parallelism the cores to spread over (Spark's default parallelism)
   * @param maxPartitionBytes upper bound of the target weight ({@code spark.sql.files.maxPartitionBytes})
   * @param openCostBytes the weight added per file ({@code spark.sql.files.openCostInBytes})
   */
  AudioPartitionPlanner(int parallelism, long maxPartitionBytes, long openCostBytes) {
    this.parallelism = Math.max(1, parallelism);
    this.maxPartitionBytes = Math.max(1, maxPartitionBytes);
    this.openCostBytes = Math.max(0, openCostBytes);
  }

  List<AudioFilePartition> plan(List<AudioFileEntry> files) {
    long total = 0;
    for (AudioFileEntry f : files) {
      total += f.length() + openCostBytes;
    }
    long target = Math.max(1, Math.min(maxPartitionBytes, Math.max(openCostBytes, total / parallelism)));
    List<AudioFileEntry> sorted = new ArrayList<>(files);
    sorted.sort(Comparator.comparingLong(AudioFileEntry::length).reversed().thenComparing(AudioFileEntry::path));
    List<AudioFilePartition> partitions = new ArrayList<>();
    List<AudioFileEntry> current = new ArrayList<>();
    long weight = 0;
    for (AudioFileEntry f : sorted) {
      long w = f.length() + openCostBytes;
      if (!current.isEmpty() && weight + w > target) {
        partitions.add(new AudioFilePartition(current));
        current = new ArrayList<>();
        weight = 0;
      }
      current.add(f);
      weight += w;
    }
    if (!current.isEmpty()) {
      partitions.add(new AudioFilePartition(current));
    }
    return partitions;
  }
}

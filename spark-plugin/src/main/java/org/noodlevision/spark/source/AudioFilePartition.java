package org.noodlevision.spark.source;

import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;

/** The files one task decodes, in order. */
record AudioFilePartition(List<AudioFileEntry> files) implements InputPartition {
  AudioFilePartition {
    files = List.copyOf(files);
  }

  long totalBytes() {
    return files.stream().mapToLong(AudioFileEntry::length).sum();
  }
}

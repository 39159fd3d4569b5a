package org.noodlevision.spark.source;

import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.util.SerializableConfiguration;
import org.noodlevision.spark.metrics.NoodleVisionAccumulators;

/** Creates one {@link AudioPartitionReader} per task. */
final class AudioPartitionReaderFactory implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;
  private final AudioReadOptions options;
  private final Broadcast<SerializableConfiguration> hadoopConf;
  private final NoodleVisionAccumulators accumulators;

  AudioPartitionReaderFactory(AudioReadOptions options, Broadcast<SerializableConfiguration> hadoopConf,
      NoodleVisionAccumulators accumulators) {
    this.options = options;
    this.hadoopConf = hadoopConf;
    this.accumulators = accumulators;
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    return new AudioPartitionReader((AudioFilePartition) partition, options, hadoopConf.value().value(),
        accumulators);
  }
}

package org.noodlevision.spark.source;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.SerializableConfiguration;
import org.noodlevision.spark.metrics.NoodleVisionAccumulators;

/** Lists the files once on the driver and plans partitions from their count and bytes. */
final class AudioScan implements ScanBuilder, Scan, Batch {
  private final AudioReadOptions options;
  private List<AudioFilePartition> planned;
  private Broadcast<SerializableConfiguration> hadoopConf;
  private NoodleVisionAccumulators accumulators;

  AudioScan(AudioReadOptions options) {
    this.options = options;
  }

  @Override
  public Scan build() {
    return this;
  }

  @Override
  public StructType readSchema() {
    return AudioSchema.SCHEMA;
  }

  @Override
  public String description() {
    return "AudioScan[mode=" + options.mode + ", paths=" + options.paths + "]";
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    if (planned == null) {
      SparkSession spark = SparkSession.active();
      accumulators = NoodleVisionAccumulators.of(spark);
      Configuration conf = spark.sessionState().newHadoopConf();
      hadoopConf = spark.sparkContext().broadcast(new SerializableConfiguration(conf),
          scala.reflect.ClassTag$.MODULE$.apply(SerializableConfiguration.class));
      List<AudioFileEntry> files =
          new AudioFileLister(conf, options.recursiveFileLookup, options.pathGlobFilter, options.extensions)
              .list(options.paths);
      planned = AudioPartitionPlanner.of(spark.sessionState().conf(), spark.sparkContext().defaultParallelism())
          .plan(files);
    }
    return planned.toArray(new InputPartition[0]);
  }

  @Override
  public PartitionReaderFactory createReaderFactory() {
    if (hadoopConf == null) {
      planInputPartitions();
    }
    return new AudioPartitionReaderFactory(options, hadoopConf, accumulators);
  }
}

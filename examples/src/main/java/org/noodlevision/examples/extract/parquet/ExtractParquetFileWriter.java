package org.noodlevision.examples.extract.parquet;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.MessageType;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureMatrix;
import org.noodlevision.examples.extract.ExtractedFile;

/**
 * Writes extract's rows ({@link ExtractedFile}s) to one Parquet file without Spark's row conversion or parquet-mr's
 * per-value column writers: rows are buffered (their feature arrays, already in memory) until their estimated size
 * reaches the row group size, then each column of the row group is written page by page ({@link
 * ScalarColumnWriter}, {@link FeatureColumnWriter}) through parquet-mr's file-level {@link ParquetFileWriter}, which
 * lays out the file, the column and offset indexes and the footer. The file reads back in Spark as
 * {@code ExtractSchema}'s types. Not thread-safe; one writer per task.
 */
public final class ExtractParquetFileWriter implements Closeable {
  private final HadoopFileOutput output;
  private final ParquetFileWriter file;
  private final ParquetFileSettings settings;
  private final Map<String, String> footer;
  private final List<Feature> features;
  private final List<ColumnDescriptor> columns;
  private final CodecFactory codecs;
  private final PageSink sink;
  private final List<ExtractedFile> buffered = new ArrayList<>();
  private long bufferedBytes;
  private long rows;
  private boolean closed;

  /**
   * Creates {@code path} (it must not exist) and writes the file header.
   *
   * @param footer the footer's key/value metadata ({@link ExtractParquetSchema#footer})
   */
  public ExtractParquetFileWriter(Path path, Configuration conf, List<Feature> features, ParquetFileSettings settings,
                                  Map<String, String> footer) throws IOException {
    MessageType schema = ExtractParquetSchema.of(features);
    this.output = new HadoopFileOutput(path, conf);
    this.settings = settings;
    this.footer = Map.copyOf(footer);
    this.features = List.copyOf(features);
    this.columns = schema.getColumns();
    this.file = new ParquetFileWriter(output, schema, ParquetFileWriter.Mode.CREATE, settings.blockSize(), 0,
        settings.columnIndexTruncateLength(), settings.statisticsTruncateLength(), settings.pageChecksums());
    boolean compressed = settings.codec() != CompressionCodecName.UNCOMPRESSED;
    this.codecs = compressed ? new CodecFactory(conf, settings.pageSize()) : null;
    this.sink = new PageSink(file, compressed ? codecs.getCompressor(settings.codec()) : null, settings.pageSize());
    file.start();
  }

  /** Adds a row; writes a row group when the buffered rows reach the row group size. */
  public void add(ExtractedFile row) throws IOException {
    buffered.add(row);
    rows++;
    bufferedBytes += estimatedBytes(row);
    if (bufferedBytes >= settings.blockSize()) {
      flushRowGroup();
    }
  }

  /** Rows added so far. */
  public long rows() {
    return rows;
  }

  /** Writes the buffered rows and the footer, and closes the file. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      flushRowGroup();
      file.end(footer);
    } finally {
      if (codecs != null) {
        codecs.release();
      }
    }
  }

  /** Gives up: closes the stream and deletes the partial file. */
  public void abort() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    buffered.clear();
    if (codecs != null) {
      codecs.release();
    }
    output.discard();
  }

  private void flushRowGroup() throws IOException {
    if (buffered.isEmpty()) {
      return;
    }
    file.startBlock(buffered.size());
    ScalarColumn[] scalars = ScalarColumn.values();
    List<String> paths = buffered.stream().map(ExtractedFile::path).toList();
    for (int c = 0; c < columns.size(); c++) {
      ColumnDescriptor column = columns.get(c);
      if (c < scalars.length) {
        file.startColumn(column, buffered.size(), settings.codec());
        new ScalarColumnWriter(column, scalars[c]).write(sink, buffered, settings.pageSize());
      } else {
        Feature feature = features.get(c - scalars.length);
        List<FeatureMatrix> values = buffered.stream().map(f -> f.features().get(feature)).toList();
        file.startColumn(column, FeatureColumnWriter.entries(values), settings.codec());
        new FeatureColumnWriter(column, feature.featureName()).write(sink, values, paths, settings.pageSize());
      }
      file.endColumn();
    }
    file.endBlock();
    buffered.clear();
    bufferedBytes = 0;
  }

  /** About the bytes the row takes in the file, uncompressed: values, level runs (a few bytes per frame), path. */
  static long estimatedBytes(ExtractedFile row) {
    long bytes = 64 + 3L * row.path().length() + (row.error() == null ? 0 : 3L * row.error().length());
    for (FeatureMatrix m : row.features().values()) {
      bytes += 16 + 4L * m.numFrames() * m.numBins() + 6L * m.numFrames();
    }
    return bytes;
  }
}

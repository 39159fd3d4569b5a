package org.noodlevision.spark.source;

import java.util.Iterator;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.unsafe.types.UTF8String;
import org.noodlevision.audio.io.AudioDecodeException;
import org.noodlevision.audio.io.DecodedAudio;
import org.noodlevision.spark.compute.AudioFileDecoder;
import org.noodlevision.spark.compute.AudioFileHeader;
import org.noodlevision.spark.compute.CatalystArrays;
import org.noodlevision.spark.compute.SparkRowLimit;
import org.noodlevision.spark.metrics.NoodleVisionAccumulators;

/**
 * Decodes the files of one partition (or, with option {@code samples=false}, reads only their headers), one row per
 * file, applying the {@code mode} to files that cannot be decoded, that are longer than {@code maxDurationSec}, or
 * whose samples would make a larger row than the executor builds safely ({@link SparkRowLimit}). Counts seconds
 * decoded and files failed in the named accumulators ({@code noodlevision.audioSecondsProcessed},
 * {@code noodlevision.filesFailed}).
 */
final class AudioPartitionReader implements PartitionReader<InternalRow> {
  private final Iterator<AudioFileEntry> files;
  private final AudioReadOptions options;
  private final Configuration hadoopConf;
  private final NoodleVisionAccumulators accumulators;
  private InternalRow current;

  AudioPartitionReader(AudioFilePartition partition, AudioReadOptions options, Configuration hadoopConf,
      NoodleVisionAccumulators accumulators) {
    this.files = partition.files().iterator();
    this.options = options;
    this.hadoopConf = hadoopConf;
    this.accumulators = accumulators;
  }

  @Override
  public boolean next() {
    while (files.hasNext()) {
      AudioFileEntry file = files.next();
      current = read(file.path());
      if (current != null) {
        return true;
      }
    }
    current = null;
    return false;
  }

  @Override
  public InternalRow get() {
    return current;
  }

  @Override
  public void close() {}

  /** The row of one file, or null when the file is dropped (DROPMALFORMED). */
  private InternalRow read(String path) {
    return options.decodeSamples ? decoded(path) : header(path);
  }

  /** The row of a header-only scan (option samples=false): no samples, the declared length (null when none). */
  private InternalRow header(String path) {
    AudioFileHeader header;
    try {
      header = AudioFileDecoder.readHeader(path, hadoopConf);
      if (header.declaredDurationSec() > options.maxDurationSec) {
        return malformed(path, String.format(Locale.ROOT, "the header declares %.3f s, longer than the option "
            + "maxDurationSec=%s", header.declaredDurationSec(), options.maxDurationSec), null);
      }
    } catch (AudioDecodeException e) {
      return malformed(path, e.reason(), e);
    } catch (RuntimeException e) {
      return malformed(path, e.toString(), e);
    }
    GenericInternalRow row = new GenericInternalRow(AudioSchema.SCHEMA.size());
    row.update(AudioSchema.PATH, UTF8String.fromString(path));
    row.update(AudioSchema.FORMAT, UTF8String.fromString(header.format()));
    row.setInt(AudioSchema.SAMPLE_RATE, header.sampleRate());
    row.setInt(AudioSchema.CHANNELS, header.channels());
    if (header.declaredNumSamples() >= 0) {
      row.setLong(AudioSchema.NUM_SAMPLES, header.declaredNumSamples());
      row.setDouble(AudioSchema.DURATION_SEC, header.declaredDurationSec());
    }
    return row;
  }

  private InternalRow decoded(String path) {
    DecodedAudio audio;
    try {
      audio = AudioFileDecoder.decodeFileForRow(path, hadoopConf, options.maxDurationSec);
    } catch (AudioDecodeException e) {
      return malformed(path, e.reason(), e);
    } catch (RuntimeException e) {
      return malformed(path, e.toString(), e);
    }
    accumulators.addAudioSeconds(audio.durationSeconds());
    GenericInternalRow row = new GenericInternalRow(AudioSchema.SCHEMA.size());
    row.update(AudioSchema.PATH, UTF8String.fromString(path));
    row.update(AudioSchema.FORMAT, UTF8String.fromString(audio.format()));
    row.setInt(AudioSchema.SAMPLE_RATE, audio.sampleRate());
    row.setInt(AudioSchema.CHANNELS, audio.channels());
    row.setLong(AudioSchema.NUM_SAMPLES, audio.numSamples());
    row.setDouble(AudioSchema.DURATION_SEC, audio.durationSeconds());
    row.update(AudioSchema.SAMPLES, CatalystArrays.fromSamples(audio.samples()));
    row.setNullAt(AudioSchema.ERROR);
    return row;
  }

  private InternalRow malformed(String path, String reason, RuntimeException cause) {
    accumulators.addFileFailed();
    switch (options.mode) {
      case FAILFAST:
        throw new AudioDecodeException(path, reason + " (option mode=FAILFAST; mode=PERMISSIVE puts the reason in the "
            + "error column, mode=DROPMALFORMED skips the file)", cause);
      case DROPMALFORMED:
        return null;
      default:
        GenericInternalRow row = new GenericInternalRow(AudioSchema.SCHEMA.size());
        row.update(AudioSchema.PATH, UTF8String.fromString(path));
        row.update(AudioSchema.ERROR, UTF8String.fromString(reason));
        return row;
    }
  }
}

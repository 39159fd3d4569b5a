package org.noodlevision.spark.sql;

import java.io.Serializable;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.connector.catalog.functions.ScalarFunction;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;
import org.noodlevision.audio.io.AudioDecodeException;
import org.noodlevision.audio.io.DecodedAudio;
import org.noodlevision.spark.compute.AudioFileDecoder;
import org.noodlevision.spark.compute.CatalystArrays;
import org.noodlevision.spark.compute.SparkRowLimit;
import org.noodlevision.spark.source.AudioSchema;

/**
 * SQL {@code decode_audio(content binary [, path string])}: decodes the {@code content} column of Spark's
 * {@code binaryFile} source into the struct {@link AudioSchema#DECODED_STRUCT} ({@code format}, {@code sample_rate},
 * {@code channels}, {@code num_samples}, {@code duration_sec}, {@code samples}, {@code error}). Bytes that cannot be
 * decoded, or whose samples would be a larger value than the executor builds safely ({@link SparkRowLimit}), give a
 * struct with only {@code error} set (the reason; the path names the file in it).
 */
public final class DecodeAudioFunction implements ScalarFunction<InternalRow>, Serializable {
  private static final long serialVersionUID = 2L;
  static final String NAME = "decode_audio";
  private final DataType[] inputTypes;
  private final CallContext call;

  /**
   * A function over {@code (content binary)} or {@code (content binary, path string)}; {@code calledAs} names it
   * in messages, e.g. {@code AudioFunctions.decodeAudio}. Call on the driver: it captures the active session's
   * accumulators.
   */
  public DecodeAudioFunction(boolean withPath, String calledAs) {
    this(withPath, CallContext.of(calledAs));
  }

  private DecodeAudioFunction(boolean withPath, CallContext call) {
    this.inputTypes = withPath ? new DataType[] {DataTypes.BinaryType, DataTypes.StringType}
        : new DataType[] {DataTypes.BinaryType};
    this.call = call;
  }

  static DecodeAudioFunction bind(StructType input, CallContext call) {
    StructField[] f = input.fields();
    if (f.length < 1 || f.length > 2 || !(f[0].dataType() instanceof BinaryType)
        || (f.length == 2 && !(f[1].dataType() instanceof StringType))) {
      throw new UnsupportedOperationException(NAME + " takes (content binary [, path string]), e.g. the columns of "
          + "spark.read().format(\"binaryFile\"); got " + input.simpleString());
    }
    return new DecodeAudioFunction(f.length == 2, call);
  }

  /** Magic method called by generated code. */
  public InternalRow invoke(byte[] content) {
    return decode(content, null);
  }

  /** Magic method called by generated code; {@code path} names the bytes in errors. */
  public InternalRow invoke(byte[] content, UTF8String path) {
    return decode(content, path);
  }

  @Override
  public InternalRow produceResult(InternalRow input) {
    return decode(input.isNullAt(0) ? null : input.getBinary(0),
        inputTypes.length < 2 || input.isNullAt(1) ? null : input.getUTF8String(1));
  }

  /**
   * Decodes one value, adding its seconds to {@code noodlevision.audioSecondsProcessed}, or counting it in
   * {@code noodlevision.filesFailed} when it cannot be decoded.
   */
  private InternalRow decode(byte[] content, UTF8String path) {
    if (content == null) {
      return null;
    }
    GenericInternalRow row = new GenericInternalRow(AudioSchema.DECODED_STRUCT.size());
    try {
      DecodedAudio audio = AudioFileDecoder.decodeBytesForRow(content, path == null ? null : path.toString());
      row.update(0, UTF8String.fromString(audio.format()));
      row.setInt(1, audio.sampleRate());
      row.setInt(2, audio.channels());
      row.setLong(3, audio.numSamples());
      row.setDouble(4, audio.durationSeconds());
      row.update(5, CatalystArrays.fromSamples(audio.samples()));
      call.countAudioSeconds(audio.durationSeconds());
    } catch (AudioDecodeException e) {
      row.update(6, UTF8String.fromString(e.reason()));
      call.countFailure();
    }
    return row;
  }

  @Override
  public DataType[] inputTypes() {
    return inputTypes.clone();
  }

  @Override
  public DataType resultType() {
    return AudioSchema.DECODED_STRUCT;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String canonicalName() {
    return "noodlevision.decode_audio/" + inputTypes.length;
  }

  /** Equal for the same arity, function name and accumulators. */
  @Override
  public boolean equals(Object o) {
    return o instanceof DecodeAudioFunction && ((DecodeAudioFunction) o).inputTypes.length == inputTypes.length
        && ((DecodeAudioFunction) o).call.equals(call);
  }

  @Override
  public int hashCode() {
    return 31 * inputTypes.length + call.name().hashCode();
  }

  /** The function as called, with its arity (shown in query plans). */
  @Override
  public String toString() {
    return "DecodeAudioFunction(" + call.name() + "/" + inputTypes.length + ")";
  }
}

package org.noodlevision.spark.sql;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Generated clips (chords at a few sample rates and lengths) as a DataFrame like the {@code audio} source's
 * ({@code path}, {@code sample_rate}, {@code samples}), the frame counts librosa gives them, and small WAV files.
 */
final class GeneratedClips {
  /** {@code {sample rate, samples}} of each clip. */
  static final int[][] CLIPS = {{22_050, 22_050}, {22_050, 15_000}, {16_000, 7_777}, {22_050, 30_001},
      {16_000, 16_384}};

  private GeneratedClips() {}

  /**
   * A local[2] session builder as these tests use it: Kryo with registration required, the {@code nv} catalog, UI
   * off. Callers add what is theirs and call {@code getOrCreate()}.
   */
  static SparkSession.Builder session(String appName) {
    return SparkSession.builder().master("local[2]").appName(appName)
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "localhost")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .config("spark.kryo.registrationRequired", "true")
        .config("spark.kryo.registrator", org.noodlevision.spark.NoodleVisionKryoRegistrator.class.getName())
        .config("spark.sql.catalog.nv", AudioFunctionCatalog.class.getName());
  }

  /**
   * The clips, plus one row with null samples (an undecodable file), spread over two partitions by a shuffle so
   * that tasks compute them (Spark evaluates a projection of an in-memory relation on the driver otherwise).
   */
  static Dataset<Row> dataFrame(SparkSession spark) {
    StructType schema = new StructType()
        .add("path", DataTypes.StringType)
        .add("sample_rate", DataTypes.IntegerType)
        .add("samples", DataTypes.createArrayType(DataTypes.FloatType, false), true);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < CLIPS.length; i++) {
      rows.add(RowFactory.create("clip" + i, CLIPS[i][0], samples(CLIPS[i][1], CLIPS[i][0], i)));
    }
    rows.add(RowFactory.create("broken", 22_050, null));
    return spark.createDataFrame(rows, schema).repartition(2);
  }

  /** librosa's frame count of every clip: {@code 1 + n / hop} when centred, {@code 1 + (n - nFft) / hop} if not. */
  static long expectedFrames(int hop, boolean center, int nFft) {
    long frames = 0;
    for (int[] clip : CLIPS) {
      frames += center ? 1 + clip[1] / hop : 1 + (clip[1] - nFft) / hop;
    }
    return frames;
  }

  /** A chord on a root that depends on {@code seed}, in [-0.6, 0.6]. */
  static float[] samples(int n, int sampleRate, int seed) {
    float[] s = new float[n];
    double root = 196.0 * Math.pow(2, seed / 12.0);
    for (int i = 0; i < n; i++) {
      double t = (double) i / sampleRate;
      s[i] = (float) (0.2 * (Math.sin(2 * Math.PI * root * t) + Math.sin(2 * Math.PI * root * 1.25 * t)
          + Math.sin(2 * Math.PI * root * 1.5 * t)));
    }
    return s;
  }

  /** A mono 16-bit PCM WAV file of {@code samples}. */
  static byte[] wav(float[] samples, int sampleRate) {
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 2 * samples.length)
        .put("WAVE".getBytes(StandardCharsets.US_ASCII))
        .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(sampleRate).putInt(2 * sampleRate).putShort((short) 2).putShort((short) 16)
        .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * samples.length);
    for (float v : samples) {
      b.putShort((short) Math.round(v * 32767));
    }
    return b.array();
  }
}

package org.noodlevision.spark.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.noodlevision.spark.ReferenceFiles;

/**
 * The PySpark code of docs/dataframe-api.md and docs/notebooks.md, on the JVM side: no Python runs here (no
 * pyspark package can be installed on this machine), so this takes from the documents' {@code python} blocks the
 * session settings ({@code .config("key", "value")}, except {@code spark.jars}) and every {@code F.expr("...")}
 * expression, starts a session with those settings, and evaluates each expression over the {@code audio} source as
 * PySpark's {@code F.expr} would (Spark parses the same string on the JVM): each must compute a non-null feature for
 * every file.
 */
class DocumentedPySparkExpressionsTest {
  private static final Path DOCS = Path.of(System.getProperty("basedir", "."), "..", "docs");
  private static final Pattern PYTHON_BLOCK = Pattern.compile("```python\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern CONFIG = Pattern.compile("\\.config\\(\"([^\"]+)\",\\s*\"([^\"]+)\"\\)");
  private static final Pattern EXPR = Pattern.compile("F\\.expr\\(\"([^\"]+)\"\\)");

  @Test
  void everyDocumentedExpressionComputesFeaturesWithTheDocumentedSettings() throws IOException {
    Map<String, String> settings = new LinkedHashMap<>();
    List<String> expressions = new ArrayList<>();
    for (String doc : List.of("dataframe-api.md", "notebooks.md")) {
      Matcher block = PYTHON_BLOCK.matcher(Files.readString(DOCS.resolve(doc)));
      while (block.find()) {
        Matcher c = CONFIG.matcher(block.group(1));
        while (c.find()) {
          if (!c.group(1).equals("spark.jars")) {
            settings.put(c.group(1), c.group(2));
          }
        }
        Matcher e = EXPR.matcher(block.group(1));
        while (e.find()) {
          expressions.add(e.group(1));
        }
      }
    }
    assertTrue(expressions.size() >= 6, "F.expr calls found in the docs: " + expressions);
    assertEquals("org.noodlevision.spark.sql.AudioFunctionCatalog", settings.get("spark.sql.catalog.nv"), "docs");

    SparkSession.Builder builder = SparkSession.builder().master("local[2]").appName("PySparkDocs")
        .config("spark.ui.enabled", "false").config("spark.kryo.registrationRequired", "true");
    settings.forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    try {
      Dataset<Row> clips = spark.read().format("audio")
          .load(ReferenceFiles.dir().resolve("audio").toString()).where("error IS NULL");
      long files = clips.count();
      assertTrue(files >= 10, "reference files: " + files);
      for (String expression : expressions) {
        List<Row> rows = clips.selectExpr("path", expression + " AS out").collectAsList();
        assertEquals(files, rows.size(), expression);
        for (Row r : rows) {
          assertFalse(r.isNullAt(1), expression + " is null for " + r.getString(0));
          Object out = r.get(1);
          assertNotNull(out, expression);
          if (out instanceof scala.collection.Seq<?> frames) {
            assertFalse(frames.isEmpty(), expression + " has no frames for " + r.getString(0));
          }
        }
      }
    } finally {
      spark.stop();
    }
  }
}

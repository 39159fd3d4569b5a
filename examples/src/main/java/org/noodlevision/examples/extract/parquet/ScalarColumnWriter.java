package org.noodlevision.examples.extract.parquet;

import java.io.IOException;
import java.util.List;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.statistics.Statistics;
import org.noodlevision.examples.extract.ExtractedFile;

/**
 * Writes one scalar column of a row group: definition levels (0 null, 1 present) for optional columns, PLAIN
 * values of the present rows, pages of about the page size. Statistics go through parquet-mr's own
 * {@link Statistics} per value (its comparators: signed ints, UTF-8 strings as unsigned bytes), so min/max and null
 * counts are those parquet-mr would write and Spark's row group and page filters can rely on them.
 */
final class ScalarColumnWriter {
  private final ColumnDescriptor column;
  private final ScalarColumn kind;

  ScalarColumnWriter(ColumnDescriptor column, ScalarColumn kind) {
    this.column = column;
    this.kind = kind;
  }

  void write(PageSink sink, List<ExtractedFile> rows, int pageSize) throws IOException {
    int from = 0;
    while (from < rows.size()) {
      int to = from;
      long bytes = 0;
      while (to < rows.size() && (to == from || bytes < pageSize)) {
        Object v = kind.value(rows.get(to));
        bytes += v == null ? 1 : ScalarColumn.plainSize(v);
        to++;
      }
      writePage(sink, rows.subList(from, to));
      from = to;
    }
  }

  private void writePage(PageSink sink, List<ExtractedFile> rows) throws IOException {
    PageBuffer page = sink.page();
    page.reset();
    Statistics<?> stats = Statistics.createStats(column.getPrimitiveType());
    if (kind.optional()) {
      LevelRuns def = new LevelRuns(page, 1);
      def.start();
      for (ExtractedFile f : rows) {
        def.add(kind.value(f) == null ? 0 : 1, 1);
      }
      def.finish();
    }
    for (ExtractedFile f : rows) {
      Object v = kind.value(f);
      if (v == null) {
        if (!kind.optional()) {
          throw new IllegalStateException("required column " + kind + " has no value in row " + f.path());
        }
        stats.incrementNumNulls();
      } else {
        kind.write(page, stats, v);
      }
    }
    sink.writePage(rows.size(), rows.size(), stats, false, kind.optional());
  }
}

package org.noodlevision.examples.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import scala.collection.JavaConverters;
import scala.collection.Seq;

class MfccVectorExampleTest {
  private static Seq<Object> frame(float... values) {
    List<Object> list = new java.util.ArrayList<>();
    for (float v : values) {
      list.add(v);
    }
    return JavaConverters.asScalaBuffer(list).toSeq();
  }

  @Test
  void meanAndStd_perCoefficientOverFrames() {
    Seq<Seq<Object>> frames = JavaConverters.asScalaBuffer(List.of(frame(1f, 10f), frame(3f, 10f))).toSeq();
    double[] v = MfccVectorExample.meanAndStd(frames).toArray();
    assertArrayEquals(new double[] {2, 10, 1, 0}, v, 1e-12);
  }
}

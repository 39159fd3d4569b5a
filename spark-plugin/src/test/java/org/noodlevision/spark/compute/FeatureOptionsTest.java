package org.noodlevision.spark.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.noodlevision.InvalidParameterException;
import org.noodlevision.audio.features.FeatureParams;

class FeatureOptionsTest {
  @Test
  void blankOptions_areLibrosaDefaults() {
    assertEquals(FeatureParams.defaults(), FeatureOptions.fromString(""));
    assertEquals(FeatureParams.defaults(), FeatureOptions.fromString(null));
  }

  @Test
  void optionString_setsEngineParameters() {
    FeatureParams p = FeatureOptions.fromString("n_fft=512, hop_length=160; win_length=400,n_mels=40, tuning=auto");
    assertEquals(512, p.nFft());
    assertEquals(160, p.hopLength());
    assertEquals(400, p.winLength());
    assertEquals(40, p.nMels());
    assertNull(p.tuning());
  }

  @Test
  void optionString_roundTripsThroughMap() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("n_mfcc", "13");
    map.put("top_db", "none");
    assertEquals(FeatureOptions.fromMap(map), FeatureOptions.fromString(FeatureOptions.toOptionString(map)));
  }

  @Test
  void unknownName_isTypedErrorListingTheNames() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> FeatureOptions.fromString("nfft=512"));
    assertEquals("nfft", e.parameter());
  }

  @Test
  void pairWithoutValue_isTypedError() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> FeatureOptions.fromString("n_fft"));
    assertEquals("options", e.parameter());
  }
}

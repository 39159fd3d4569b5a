package org.noodlevision.audio.features;

import java.util.Locale;
import java.util.Objects;
import org.noodlevision.InvalidParameterException;

/**
 * The parameters of every feature, with librosa 0.11's names (in {@link #PARAMETER_NAMES}) and defaults. Immutable
 * and validated when built: a bad value raises {@link InvalidParameterException} naming the parameter, the value and
 * what is allowed. Nothing is clamped silently.
 *
 * <p>Values that depend on the sample rate ({@code fmax}) or on other parameters ({@code hop_length},
 * {@code win_length}) stay unset until resolved: use {@link #hopLength()}, {@link #winLength()} and
 * {@link #fmax(int)}.
 */
public final class FeatureParams {
  /** Padding applied when {@code center} is true. */
  public enum PadMode {
    CONSTANT, REFLECT;

    public static PadMode fromName(String s) {
      for (PadMode m : values()) {
        if (m.name().equalsIgnoreCase(s == null ? "" : s.trim())) {
          return m;
        }
      }
      throw new InvalidParameterException("pad_mode", s, "constant, reflect");
    }
  }

  /** Mel filter normalisation: librosa's {@code norm='slaney'} or {@code norm=None}. */
  public enum MelNorm {
    SLANEY, NONE;

    public static MelNorm fromName(String s) {
      for (MelNorm m : values()) {
        if (m.name().equalsIgnoreCase(s == null ? "none" : s.trim())) {
          return m;
        }
      }
      throw new InvalidParameterException("norm", s, "slaney, none");
    }
  }

  /** Working precision: librosa's float32, or float64 end to end (the QUALITY_FIRST memory policy). */
  public enum Precision { FLOAT32, FLOAT64 }

  /** Parameter names as used in option maps, CLI flags (with '-' for '_') and SQL. */
  public static final String[] PARAMETER_NAMES = {
    "n_fft", "hop_length", "win_length", "center", "pad_mode", "n_mels", "fmin", "fmax", "htk", "norm",
    "power", "ref", "amin", "top_db", "n_mfcc", "lifter", "n_chroma", "tuning", "precision"
  };

  private static final FeatureParams DEFAULTS = builder().build();

  private final int nFft;
  private final Integer hopLength;
  private final Integer winLength;
  private final boolean center;
  private final PadMode padMode;
  private final int nMels;
  private final double fmin;
  private final Double fmax;
  private final boolean htk;
  private final MelNorm melNorm;
  private final double power;
  private final double ref;
  private final double amin;
  private final Double topDb;
  private final int nMfcc;
  private final double lifter;
  private final int nChroma;
  private final Double tuning;
  private final Precision precision;

  private FeatureParams(Builder b) {
    this.nFft = b.nFft;
    this.hopLength = b.hopLength;
    this.winLength = b.winLength;
    this.center = b.center;
    this.padMode = b.padMode;
    this.nMels = b.nMels;
    this.fmin = b.fmin;
    this.fmax = b.fmax;
    this.htk = b.htk;
    this.melNorm = b.melNorm;
    this.power = b.power;
    this.ref = b.ref;
    this.amin = b.amin;
    this.topDb = b.topDb;
    this.nMfcc = b.nMfcc;
    this.lifter = b.lifter;
    this.nChroma = b.nChroma;
    this.tuning = b.tuning;
    this.precision = b.precision;
    validate();
  }

  /** librosa's defaults: n_fft 2048, hop 512, 128 Slaney mels, 20 MFCCs, 12 chroma bins, estimated tuning. */
  public static FeatureParams defaults() {
    return DEFAULTS;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder pre-filled with these values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.nFft = nFft;
    b.hopLength = hopLength;
    b.winLength = winLength;
    b.center = center;
    b.padMode = padMode;
    b.nMels = nMels;
    b.fmin = fmin;
    b.fmax = fmax;
    b.htk = htk;
    b.melNorm = melNorm;
    b.power = power;
    b.ref = ref;
    b.amin = amin;
    b.topDb = topDb;
    b.nMfcc = nMfcc;
    b.lifter = lifter;
    b.nChroma = nChroma;
    b.tuning = tuning;
    b.precision = precision;
    return b;
  }

  private void validate() {
    if (nFft < 2 || nFft > (1 << 20)) {
      throw new InvalidParameterException("n_fft", nFft, "an integer from 2 to 1048576");
    }
    if (hopLength != null && hopLength < 1) {
      throw new InvalidParameterException("hop_length", hopLength, "a positive integer");
    }
    if (winLength != null && (winLength < 1 || winLength > nFft)) {
      throw new InvalidParameterException("win_length", winLength, "an integer from 1 to n_fft (" + nFft + ")");
    }
    if (nMels < 1 || nMels > 4096) {
      throw new InvalidParameterException("n_mels", nMels, "an integer from 1 to 4096");
    }
    if (!(fmin >= 0) || Double.isInfinite(fmin)) {
      throw new InvalidParameterException("fmin", fmin, "a finite frequency >= 0 Hz");
    }
    if (fmax != null && (!(fmax > fmin) || Double.isInfinite(fmax))) {
      throw new InvalidParameterException("fmax", fmax, "a finite frequency above fmin (" + fmin + " Hz)");
    }
    if (!(power > 0) || Double.isInfinite(power)) {
      throw new InvalidParameterException("power", power, "a finite exponent > 0 (1 = magnitude, 2 = power)");
    }
    if (!(ref > 0) || Double.isInfinite(ref)) {
      throw new InvalidParameterException("ref", ref, "a finite reference value > 0");
    }
    if (!(amin > 0) || Double.isInfinite(amin)) {
      throw new InvalidParameterException("amin", amin, "a finite value > 0");
    }
    if (topDb != null && !(topDb >= 0)) {
      throw new InvalidParameterException("top_db", topDb, "a value >= 0 dB, or none");
    }
    if (nMfcc < 1) {
      throw new InvalidParameterException("n_mfcc", nMfcc, "an integer from 1 to n_mels (" + nMels + ")");
    }
    if (nMfcc > nMels) {
      throw new InvalidParameterException("n_mfcc", nMfcc, "an integer from 1 to n_mels (" + nMels + ")");
    }
    if (!Double.isFinite(lifter) || lifter < 0) {
      throw new InvalidParameterException("lifter", lifter, "a finite value >= 0 (0 disables liftering)");
    }
    if (nChroma < 1 || nChroma > 1024) {
      throw new InvalidParameterException("n_chroma", nChroma, "an integer from 1 to 1024");
    }
    if (tuning != null && !(tuning >= -0.5 && tuning < 0.5)) {
      throw new InvalidParameterException("tuning", tuning, "a fraction of a bin in [-0.5, 0.5), or auto");
    }
  }

  /**
   * Checks the sample-rate dependent parameters for one input and returns the resolved {@code fmax}.
   *
   * @throws InvalidParameterException when {@code sampleRate} is not positive or {@code fmax} exceeds Nyquist
   */
  public double fmax(int sampleRate) {
    if (sampleRate <= 0) {
      throw new InvalidParameterException("sample_rate", sampleRate, "a positive number of samples per second");
    }
    double nyquist = sampleRate / 2.0;
    if (fmax == null) {
      return nyquist;
    }
    if (fmax > nyquist) {
      throw new InvalidParameterException("fmax", fmax, "at most the Nyquist frequency sr/2 = " + nyquist + " Hz");
    }
    return fmax;
  }

  public int nFft() {
    return nFft;
  }

  /** hop_length, or n_fft / 4 when not set (librosa's default). */
  public int hopLength() {
    return hopLength != null ? hopLength : Math.max(1, nFft / 4);
  }

  /** win_length, or n_fft when not set. A shorter window is zero-padded and centred in n_fft. */
  public int winLength() {
    return winLength != null ? winLength : nFft;
  }

  /** Number of frequency bins of the spectrogram: {@code 1 + n_fft / 2}. */
  public int numFrequencyBins() {
    return 1 + nFft / 2;
  }

  public boolean center() {
    return center;
  }

  public PadMode padMode() {
    return padMode;
  }

  public int nMels() {
    return nMels;
  }

  public double fmin() {
    return fmin;
  }

  /** The fmax as set, or null for sr/2; use {@link #fmax(int)} for the resolved value. */
  public Double fmaxOrNull() {
    return fmax;
  }

  public boolean htk() {
    return htk;
  }

  public MelNorm melNorm() {
    return melNorm;
  }

  public double power() {
    return power;
  }

  public double ref() {
    return ref;
  }

  public double amin() {
    return amin;
  }

  /** top_db, or null for no floor. */
  public Double topDb() {
    return topDb;
  }

  public int nMfcc() {
    return nMfcc;
  }

  public double lifter() {
    return lifter;
  }

  public int nChroma() {
    return nChroma;
  }

  /** The tuning deviation in fractions of a chroma bin, or null to estimate it per clip as librosa does. */
  public Double tuning() {
    return tuning;
  }

  public Precision precision() {
    return precision;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof FeatureParams)) {
      return false;
    }
    FeatureParams p = (FeatureParams) o;
    return nFft == p.nFft && Objects.equals(hopLength, p.hopLength) && Objects.equals(winLength, p.winLength)
        && center == p.center && padMode == p.padMode && nMels == p.nMels && fmin == p.fmin
        && Objects.equals(fmax, p.fmax) && htk == p.htk && melNorm == p.melNorm && power == p.power
        && ref == p.ref && amin == p.amin && Objects.equals(topDb, p.topDb) && nMfcc == p.nMfcc
        && lifter == p.lifter && nChroma == p.nChroma && Objects.equals(tuning, p.tuning)
        && precision == p.precision;
  }

  @Override
  public int hashCode() {
    return Objects.hash(nFft, hopLength, winLength, center, padMode, nMels, fmin, fmax, htk, melNorm, power, ref,
        amin, topDb, nMfcc, lifter, nChroma, tuning, precision);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "FeatureParams{n_fft=%d, hop_length=%d, win_length=%d, center=%s, pad_mode=%s, n_mels=%d, fmin=%s, "
            + "fmax=%s, htk=%s, norm=%s, power=%s, ref=%s, amin=%s, top_db=%s, n_mfcc=%d, lifter=%s, n_chroma=%d, "
            + "tuning=%s, precision=%s}",
        nFft, hopLength(), winLength(), center, padMode.name().toLowerCase(Locale.ROOT), nMels, fmin,
        fmax == null ? "sr/2" : fmax, htk, melNorm.name().toLowerCase(Locale.ROOT), power, ref, amin,
        topDb == null ? "none" : topDb, nMfcc, lifter, nChroma, tuning == null ? "auto" : tuning,
        precision.name().toLowerCase(Locale.ROOT));
  }

  /** Builder with librosa's defaults. {@link #build()} validates. */
  public static final class Builder {
    private int nFft = 2048;
    private Integer hopLength;
    private Integer winLength;
    private boolean center = true;
    private PadMode padMode = PadMode.CONSTANT;
    private int nMels = 128;
    private double fmin = 0.0;
    private Double fmax;
    private boolean htk;
    private MelNorm melNorm = MelNorm.SLANEY;
    private double power = 2.0;
    private double ref = 1.0;
    private double amin = 1e-10;
    private Double topDb = 80.0;
    private int nMfcc = 20;
    private double lifter;
    private int nChroma = 12;
    private Double tuning;
    private Precision precision = Precision.FLOAT32;

    private Builder() {}

    public Builder nFft(int v) { nFft = v; return this; }
    public Builder hopLength(Integer v) { hopLength = v; return this; }
    public Builder winLength(Integer v) { winLength = v; return this; }
    public Builder center(boolean v) { center = v; return this; }
    public Builder padMode(PadMode v) { padMode = Objects.requireNonNull(v, "pad_mode"); return this; }
    public Builder nMels(int v) { nMels = v; return this; }
    public Builder fmin(double v) { fmin = v; return this; }
    public Builder fmax(Double v) { fmax = v; return this; }
    public Builder htk(boolean v) { htk = v; return this; }
    public Builder melNorm(MelNorm v) { melNorm = Objects.requireNonNull(v, "norm"); return this; }
    public Builder power(double v) { power = v; return this; }
    public Builder ref(double v) { ref = v; return this; }
    public Builder amin(double v) { amin = v; return this; }
    public Builder topDb(Double v) { topDb = v; return this; }
    public Builder nMfcc(int v) { nMfcc = v; return this; }
    public Builder lifter(double v) { lifter = v; return this; }
    public Builder nChroma(int v) { nChroma = v; return this; }
    /** A fixed tuning in fractions of a bin, or null to estimate per clip (librosa's tuning=None). */
    public Builder tuning(Double v) { tuning = v; return this; }
    public Builder precision(Precision v) { precision = Objects.requireNonNull(v, "precision"); return this; }

    /**
     * Sets one parameter by its librosa name (see {@link FeatureParams#PARAMETER_NAMES}) from a string, as given
     * on a command line, in a DataFrame option map or SQL. {@code tuning=auto} and {@code fmax=none} unset a value.
     */
    public Builder set(String name, String value) {
      String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
      String v = value == null ? "" : value.trim();
      try {
        switch (key) {
          case "n_fft": return nFft(Integer.parseInt(v));
          case "hop_length": return hopLength(isUnset(v) ? null : Integer.parseInt(v));
          case "win_length": return winLength(isUnset(v) ? null : Integer.parseInt(v));
          case "center": return center(parseBoolean(key, v));
          case "pad_mode": return padMode(PadMode.fromName(v));
          case "n_mels": return nMels(Integer.parseInt(v));
          case "fmin": return fmin(Double.parseDouble(v));
          case "fmax": return fmax(isUnset(v) ? null : Double.parseDouble(v));
          case "htk": return htk(parseBoolean(key, v));
          case "norm": return melNorm(MelNorm.fromName(v));
          case "power": return power(Double.parseDouble(v));
          case "ref": return ref(Double.parseDouble(v));
          case "amin": return amin(Double.parseDouble(v));
          case "top_db": return topDb(isUnset(v) ? null : Double.parseDouble(v));
          case "n_mfcc": return nMfcc(Integer.parseInt(v));
          case "lifter": return lifter(Double.parseDouble(v));
          case "n_chroma": return nChroma(Integer.parseInt(v));
          case "tuning": return tuning(isUnset(v) || v.equalsIgnoreCase("auto") ? null : Double.parseDouble(v));
          case "precision":
            if (v.equalsIgnoreCase("float32")) {
              return precision(Precision.FLOAT32);
            }
            if (v.equalsIgnoreCase("float64")) {
              return precision(Precision.FLOAT64);
            }
            throw new InvalidParameterException("precision", v, "float32, float64");
          default:
            throw new InvalidParameterException(name, value,
                "a parameter name among " + String.join(", ", PARAMETER_NAMES));
        }
      } catch (NumberFormatException e) {
        throw new InvalidParameterException(key, value, "a number");
      }
    }

    private static boolean isUnset(String v) {
      return v.isEmpty() || v.equalsIgnoreCase("none") || v.equalsIgnoreCase("null");
    }

    private static boolean parseBoolean(String key, String v) {
      if (v.equalsIgnoreCase("true")) {
        return true;
      }
      if (v.equalsIgnoreCase("false")) {
        return false;
      }
      throw new InvalidParameterException(key, v, "true, false");
    }

    public FeatureParams build() {
      return new FeatureParams(this);
    }
  }
}

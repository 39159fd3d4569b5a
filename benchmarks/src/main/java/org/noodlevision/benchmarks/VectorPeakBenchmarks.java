package org.noodlevision.benchmarks;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The core's float64 vector arithmetic peak through the Vector API, for reading the FFT's figures against
 * ({@code LaneFftBenchmarks}): nanoseconds per fused multiply-add of one preferred-size vector, ten independent chains
 * so that latency does not bound it. 1 / result = vector FMAs per nanosecond.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class VectorPeakBenchmarks {
  private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
  private static final int STEPS = 10_000;

  /** 10 x {@value #STEPS} FMAs per call on vectors of {@code SPECIES_PREFERRED} doubles. */
  @Benchmark
  @OperationsPerInvocation(10 * STEPS)
  public double fmaChains() {
    DoubleVector b = DoubleVector.broadcast(SPECIES, 0.999_999);
    DoubleVector c = DoubleVector.broadcast(SPECIES, 1e-9);
    DoubleVector a0 = DoubleVector.broadcast(SPECIES, 1.0);
    DoubleVector a1 = a0;
    DoubleVector a2 = a0;
    DoubleVector a3 = a0;
    DoubleVector a4 = a0;
    DoubleVector a5 = a0;
    DoubleVector a6 = a0;
    DoubleVector a7 = a0;
    DoubleVector a8 = a0;
    DoubleVector a9 = a0;
    for (int i = 0; i < STEPS; i++) {
      a0 = a0.fma(b, c);
      a1 = a1.fma(b, c);
      a2 = a2.fma(b, c);
      a3 = a3.fma(b, c);
      a4 = a4.fma(b, c);
      a5 = a5.fma(b, c);
      a6 = a6.fma(b, c);
      a7 = a7.fma(b, c);
      a8 = a8.fma(b, c);
      a9 = a9.fma(b, c);
    }
    return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9)
        .reduceLanes(VectorOperators.ADD);
  }
}

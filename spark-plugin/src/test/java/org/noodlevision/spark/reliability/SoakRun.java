package org.noodlevision.spark.reliability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.noodlevision.audio.features.Feature;
import org.noodlevision.audio.features.FeatureMatrix;
import org.noodlevision.audio.features.FeaturePipeline;
import org.noodlevision.audio.features.FeatureResult;
import org.noodlevision.audio.io.AudioDecoders;
import org.noodlevision.audio.io.DecodedAudio;
import org.noodlevision.memory.DType;
import org.noodlevision.memory.MemoryManager;
import org.noodlevision.memory.MemoryStatistics;
import org.noodlevision.memory.SystemMemoryMonitor;
import org.noodlevision.memory.Tensor;
import org.noodlevision.spark.NoodleVisionExecutor;

/**
 * Load: 8 concurrent tasks on one executor (local[8]: the executor runs in this JVM, so its memory manager and
 * process can be watched directly) decode clips, compute MFCC and chroma, and stage outputs and scratch tensors in
 * a deliberately small CPU pool (2 MiB), waiting for memory or falling back when it is exhausted. Invariants,
 * checked throughout by a sampler thread and at every quiescent point (between jobs):
 * <ul>
 *   <li>the pool cap holds at every sample;</li>
 *   <li>pool accounting is exact between jobs: no live tensor, no live byte, and the pool's usage equals the bytes
 *       of the tensors kept in the recycling cache (all sizes are powers of two, so pool units equal bytes);</li>
 *   <li>no leak: no task left memory for the plugin to reclaim ({@code releaseOwner} found nothing);</li>
 *   <li>process RSS (OSHI) after a warm-up stays within 10% of its value at the end of the warm-up.</li>
 * </ul>
 * Runs in a JVM of its own, forked by {@link SoakTest} with a fixed, pre-touched heap ({@code -Xms = -Xmx},
 * {@code -XX:+AlwaysPreTouch}) as an executor has, so that RSS measures native growth rather than heap sizing.
 * Prints a {@code [soak]} summary line and one {@code VIOLATION} line per broken invariant; exits 0 when all hold,
 * 1 otherwise, 2 on an unexpected throwable.
 */
public final class SoakRun {
  private static final int TASKS = 8;
  private static final long POOL_BYTES = 2L << 20;
  private static final Map<Long, CountDownLatch> STARTED = new ConcurrentHashMap<>();

  private SoakRun() {
  }

  public static void main(String[] args) {
    int exit;
    SparkSession spark = SparkSession.builder().config(ReliabilityCluster.conf("local[" + TASKS + "]",
        "noodlevision-soak").set("spark.noodlevision.memory.cpu.poolSize", String.valueOf(POOL_BYTES)))
        .getOrCreate();
    try {
      List<String> violations = soak(JavaSparkContext.fromSparkContext(spark.sparkContext()),
          Long.parseLong(args[0]));
      violations.forEach(v -> System.out.println("VIOLATION " + v));
      exit = violations.isEmpty() ? 0 : 1;
    } catch (Throwable t) {
      t.printStackTrace(System.out);
      exit = 2;
    } finally {
      spark.stop();
    }
    System.exit(exit);
  }

  private static List<String> soak(JavaSparkContext jsc, long seconds) throws Exception {
    long warmupNanos = TimeUnit.SECONDS.toNanos(Math.max(6, seconds / 4));
    List<byte[]> clips = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      clips.add(TestWavFiles.wav(TestWavFiles.pcmSecond(i)));
    }
    MemoryManager manager = NoodleVisionExecutor.memoryManager();
    SystemMemoryMonitor monitor = new SystemMemoryMonitor();
    List<String> violations = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong samples = new AtomicLong();
    AtomicLong rssBaseline = new AtomicLong();
    AtomicLong rssMax = new AtomicLong();
    long t0 = System.nanoTime();
    Thread sampler = new Thread(() -> {
      long nextRss = 0;
      while (running.get()) {
        MemoryStatistics s = manager.getStatistics();
        if (s.cpuPool().currentUsage() > POOL_BYTES || s.cpuPool().currentUsage() < 0) {
          violations.add("pool usage " + s.cpuPool().currentUsage() + " outside [0, " + POOL_BYTES + "]");
        }
        samples.incrementAndGet();
        long now = System.nanoTime();
        if (now >= nextRss) {
          long rss = monitor.getMemoryInfo().processRss();
          if (now - t0 < warmupNanos) {
            rssBaseline.set(rss);
          } else {
            rssMax.accumulateAndGet(rss, Math::max);
          }
          nextRss = now + 500_000_000L;
        }
        java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L);
      }
    }, "soak-sampler");
    sampler.setDaemon(true);
    sampler.start();

    long deadline = t0 + TimeUnit.SECONDS.toNanos(seconds);
    long jobs = 0;
    long rows = 0;
    long pooled = 0;
    while (System.nanoTime() < deadline) {
      long job = jobs++;
      STARTED.put(job, new CountDownLatch(TASKS));
      List<Long> results = jsc.parallelize(List.of(0, 1, 2, 3, 4, 5, 6, 7), TASKS)
          .map(task -> runTask(job, task, clips)).collect();
      STARTED.remove(job);
      for (long r : results) {
        rows += r >> 32;
        pooled += r & 0xFFFF_FFFFL;
      }
      // a quiescent point: every task of the job has ended
      MemoryStatistics s = manager.getStatistics();
      if (s.liveTensors() != 0 || s.liveBytes() != 0) {
        violations.add("after job " + job + ": " + s.liveTensors() + " live tensors, " + s.liveBytes() + " bytes");
      }
      if (s.cpuPool().currentUsage() != s.cacheStats().bytes()) {
        violations.add("after job " + job + ": pool usage " + s.cpuPool().currentUsage() + " != cached bytes "
            + s.cacheStats().bytes());
      }
      if (violations.size() > 20) {
        break;
      }
    }
    running.set(false);
    sampler.join();
    long leaked = manager.releaseOwner(MemoryManager.UNATTRIBUTED).count();
    System.out.printf("[soak] seconds=%d jobs=%d rows=%d pooledRows=%d samples=%d rssBaseline=%d rssMax=%d "
            + "failures(fallbacks)=%d peak=%s%n", seconds, jobs, rows, pooled, samples.get(), rssBaseline.get(),
        rssMax.get(), manager.getStatistics().allocationFailures(),
        manager.getStatistics().cpuStats().toMap().get("peak_usage"));
    if (rows != jobs * TASKS * 4) {
      violations.add(rows + " rows for " + jobs + " jobs of " + TASKS + " tasks of 4 clips");
    }
    if (pooled == 0) {
      violations.add("no output was staged in the pool");
    }
    if (leaked != 0) {
      violations.add(leaked + " unattributed allocations left");
    }
    if (rssBaseline.get() <= 0 || rssMax.get() <= 0) {
      violations.add("RSS not sampled before and after the warm-up");
    } else if (rssMax.get() > rssBaseline.get() * 1.10) {
      violations.add("RSS grew more than 10%: baseline " + rssBaseline.get() + ", max after warm-up "
          + rssMax.get());
    }
    return violations;
  }

  /** One task: 4 clips; returns (rows << 32) | rows staged in the pool. */
  private static long runTask(long job, int task, List<byte[]> clips) throws InterruptedException {
    CountDownLatch started = STARTED.get(job);
    started.countDown();
    // the 8 tasks of a job overlap: each waits (bounded) until all have started
    if (!started.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the 8 tasks of job " + job + " did not run concurrently");
    }
    MemoryManager manager = NoodleVisionExecutor.memoryManager();
    long rows = 0;
    long pooled = 0;
    try (FeaturePipeline p = ClipFeatures.pipeline()) {
      for (int k = 0; k < 4; k++) {
        int clip = (int) ((job * 7 + task * 3 + k) % clips.size());
        DecodedAudio audio = AudioDecoders.decode(clips.get(clip), "clip-" + clip);
        FeatureResult r = p.compute(audio.samples(), audio.sampleRate());
        FeatureMatrix mfcc = r.get(Feature.MFCC);
        int n = Integer.highestOneBit(mfcc.data().length - 1) << 1; // a power of two >= the output
        // scratch of varying power-of-two sizes (64 KiB .. 1 MiB) held while staging
        try (Tensor scratch = manager.allocateTensorWaiting(new long[] {1L << (14 + (k + task) % 5)},
            DType.FLOAT32, false, 50, TimeUnit.MILLISECONDS).orElse(null)) {
          Optional<Tensor> staged = manager.allocateTensorWaiting(new long[] {n}, DType.FLOAT32, false, 50,
              TimeUnit.MILLISECONDS);
          if (staged.isPresent()) {
            try (Tensor t = staged.get()) {
              t.asFloatBuffer().put(mfcc.data());
              if (Float.compare(t.getFloat(mfcc.data().length - 1), mfcc.data()[mfcc.data().length - 1]) != 0) {
                throw new IllegalStateException("staged copy differs");
              }
            }
            pooled++;
          }
          if (scratch != null) {
            scratch.setFloat(0, k);
          }
        }
        if (mfcc.numBins() != 20 || r.get(Feature.CHROMA).numBins() != 12) {
          throw new IllegalStateException("unexpected output shape");
        }
        rows++;
      }
    }
    return (rows << 32) | pooled;
  }
}

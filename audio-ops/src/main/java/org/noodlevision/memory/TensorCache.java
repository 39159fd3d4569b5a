package org.noodlevision.memory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.noodlevision.InvalidParameterException;

/**
 * Reusable tensors keyed by shape and dtype (the seed's {@code TensorCache}); one tensor per shape, dtype and
 * device.
 *
 * <p>{@link #get} returns the cached tensor and keeps it cached (a hit), or empty (a miss). {@link #add} hands the
 * tensor to the cache: the cache owns it from then on and frees it when it is evicted, replaced, expired or
 * cleared; callers must not free a tensor they added or got (take a {@link Tensor#copy()} to own one). When the
 * cache is full ({@code maxSize} entries, or {@code maxBytes} bytes), {@link EvictionPolicy} chooses the victim,
 * whose memory is released at once.
 *
 * <p>{@link #cleanup()} drops entries not used for {@code ttlSeconds} (default 300 s). Thread-safe (one lock;
 * tensors are released outside it).
 */
public final class TensorCache implements AutoCloseable {
  /** The seed's default number of entries. */
  public static final int DEFAULT_MAX_SIZE = 100;
  /** Default idle time after which {@link #cleanup()} drops an entry, seconds. */
  public static final double DEFAULT_TTL_SECONDS = 300.0;
  /** Number of least recently used entries among which ADAPTIVE evicts the least frequent. */
  public static final int ADAPTIVE_SAMPLE = 4;

  private static final class Entry {
    final Tensor tensor;
    long frequency = 1;
    long lastAccessNanos;

    Entry(Tensor tensor, long now) {
      this.tensor = tensor;
      this.lastAccessNanos = now;
    }
  }

  private final Object lock = new Object();
  private final LinkedHashMap<TensorKey, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private final Consumer<Tensor> onRemove;
  private final Consumer<Long> onEviction;
  private int maxSize;
  private long maxBytes;
  private EvictionPolicy policy;
  private final double ttlSeconds;
  private long bytes;
  private long blockBytes;
  private long hits;
  private long misses;
  private long evictions;
  private long accesses;

  /** 100 entries, LRU. */
  public TensorCache() {
    this(DEFAULT_MAX_SIZE, EvictionPolicy.LRU);
  }

  public TensorCache(int maxSize, EvictionPolicy policy) {
    this(maxSize, policy, Long.MAX_VALUE, DEFAULT_TTL_SECONDS);
  }

  /**
   * @param maxSize most entries (0 caches nothing: an added tensor is freed at once)
   * @param maxBytes most bytes of cached tensors
   * @param ttlSeconds idle time after which {@link #cleanup()} drops an entry
   */
  public TensorCache(int maxSize, EvictionPolicy policy, long maxBytes, double ttlSeconds) {
    this(maxSize, policy, maxBytes, ttlSeconds, Tensor::close, b -> { });
  }

  TensorCache(int maxSize, EvictionPolicy policy, long maxBytes, double ttlSeconds, Consumer<Tensor> onRemove,
      Consumer<Long> onEviction) {
    check(maxSize, maxBytes);
    if (!(ttlSeconds > 0)) {
      throw new InvalidParameterException("ttlSeconds", ttlSeconds, "a positive number of seconds");
    }
    this.maxSize = maxSize;
    this.maxBytes = maxBytes;
    this.policy = java.util.Objects.requireNonNull(policy, "eviction policy");
    this.ttlSeconds = ttlSeconds;
    this.onRemove = onRemove;
    this.onEviction = onEviction;
  }

  private static void check(int maxSize, long maxBytes) {
    if (maxSize < 0) {
      throw new InvalidParameterException("max_size", maxSize, "a number of entries >= 0");
    }
    if (maxBytes < 0) {
      throw new InvalidParameterException("max_bytes", maxBytes, "a number of bytes >= 0");
    }
  }

  /** The cached CPU tensor of this shape and dtype (else the GPU one), kept cached; empty on a miss. */
  public Optional<Tensor> get(long[] shape, DType dtype) {
    synchronized (lock) {
      Entry e = lookupLocked(new TensorKey(shape, dtype, Device.CPU));
      if (e == null) {
        e = lookupLocked(new TensorKey(shape, dtype, Device.GPU));
      }
      return recordLocked(e);
    }
  }

  /** The cached tensor of this shape, dtype and device, kept cached; empty on a miss. */
  public Optional<Tensor> get(long[] shape, DType dtype, Device device) {
    synchronized (lock) {
      return recordLocked(lookupLocked(new TensorKey(shape, dtype, device)));
    }
  }

  private Entry lookupLocked(TensorKey key) {
    return entries.get(key);
  }

  private Optional<Tensor> recordLocked(Entry e) {
    accesses++;
    if (e == null) {
      misses++;
      return Optional.empty();
    }
    hits++;
    e.frequency++;
    e.lastAccessNanos = System.nanoTime();
    ageLocked();
    return Optional.of(e.tensor);
  }

  /** Halves all frequencies every 10 x maxSize accesses (ADAPTIVE and LFU aging). */
  private void ageLocked() {
    if (policy == EvictionPolicy.ADAPTIVE && accesses >= 10L * Math.max(1, maxSize)) {
      accesses = 0;
      for (Entry e : entries.values()) {
        e.frequency = Math.max(1, e.frequency >> 1);
      }
    }
  }

  /**
   * Hands {@code tensor} to the cache. A tensor already cached for its key is replaced (and freed); if the cache
   * cannot hold it ({@code maxSize} 0, or bigger than {@code maxBytes}) it is freed at once.
   */
  public void add(Tensor tensor) {
    List<Tensor> removed = new ArrayList<>();
    synchronized (lock) {
      TensorKey key = new TensorKey(tensor.shape(), tensor.dtype(), tensor.device());
      Entry old = entries.remove(key);
      if (old != null) {
        bytes -= old.tensor.byteSize();
        blockBytes -= old.tensor.block().size();
        if (old.tensor != tensor) {
          removed.add(old.tensor);
        }
      }
      if (maxSize == 0 || tensor.byteSize() > maxBytes) {
        removed.add(tensor);
      } else {
        insertLocked(key, tensor, removed);
      }
    }
    release(removed, false);
  }

  /** Caches {@code tensor} unless its key is taken or it cannot fit; false leaves ownership with the caller. */
  boolean offer(Tensor tensor) {
    List<Tensor> evicted = new ArrayList<>();
    synchronized (lock) {
      TensorKey key = new TensorKey(tensor.shape(), tensor.dtype(), tensor.device());
      if (maxSize == 0 || tensor.byteSize() > maxBytes || entries.containsKey(key)) {
        return false;
      }
      insertLocked(key, tensor, evicted);
    }
    release(evicted, true);
    return true;
  }

  /** Removes and returns the tensor of this key (a hit), or empty (a miss). */
  Optional<Tensor> take(long[] shape, DType dtype, Device device) {
    synchronized (lock) {
      accesses++;
      Entry e = entries.remove(new TensorKey(shape, dtype, device));
      if (e == null) {
        misses++;
        return Optional.empty();
      }
      hits++;
      bytes -= e.tensor.byteSize();
      blockBytes -= e.tensor.block().size();
      return Optional.of(e.tensor);
    }
  }

  private void insertLocked(TensorKey key, Tensor tensor, List<Tensor> evicted) {
    entries.put(key, new Entry(tensor, System.nanoTime()));
    bytes += tensor.byteSize();
    blockBytes += tensor.block().size();
    while (entries.size() > maxSize || bytes > maxBytes) {
      TensorKey victim = victimLocked(key);
      if (victim == null) {
        break;
      }
      Entry e = entries.remove(victim);
      bytes -= e.tensor.byteSize();
      blockBytes -= e.tensor.block().size();
      evictions++;
      evicted.add(e.tensor);
    }
  }

  /** The key to evict, never {@code protect} (the entry being inserted) unless it is the only one. */
  private TensorKey victimLocked(TensorKey protect) {
    TensorKey best = null;
    long bestFreq = Long.MAX_VALUE;
    int seen = 0;
    for (Map.Entry<TensorKey, Entry> me : entries.entrySet()) {
      if (me.getKey().equals(protect) && entries.size() > 1) {
        continue;
      }
      if (policy == EvictionPolicy.LRU) {
        return me.getKey();
      }
      if (me.getValue().frequency < bestFreq) {
        best = me.getKey();
        bestFreq = me.getValue().frequency;
      }
      if (policy == EvictionPolicy.ADAPTIVE && ++seen >= ADAPTIVE_SAMPLE) {
        break;
      }
    }
    return best;
  }

  private void release(List<Tensor> tensors, boolean evictions) {
    for (Tensor t : tensors) {
      if (evictions) {
        onEviction.accept(t.byteSize());
      }
      onRemove.accept(t);
    }
  }

  /** Drops (and frees) entries not used for longer than the cache's ttl. */
  public void cleanup() {
    List<Tensor> removed = new ArrayList<>();
    long cutoff = System.nanoTime() - (long) (ttlSeconds * 1e9);
    synchronized (lock) {
      Iterator<Entry> it = entries.values().iterator();
      while (it.hasNext()) {
        Entry e = it.next();
        if (e.lastAccessNanos - cutoff < 0) {
          it.remove();
          bytes -= e.tensor.byteSize();
      blockBytes -= e.tensor.block().size();
          removed.add(e.tensor);
        }
      }
    }
    release(removed, false);
  }

  /** Drops (and frees) every entry. */
  public void clear() {
    List<Tensor> removed = new ArrayList<>();
    synchronized (lock) {
      for (Entry e : entries.values()) {
        removed.add(e.tensor);
      }
      entries.clear();
      bytes = 0;
      blockBytes = 0;
    }
    release(removed, false);
  }

  /** Changes capacity and policy, evicting down to the new capacity. */
  void reconfigure(int newMaxSize, EvictionPolicy newPolicy, long newMaxBytes) {
    check(newMaxSize, newMaxBytes);
    List<Tensor> evicted = new ArrayList<>();
    synchronized (lock) {
      maxSize = newMaxSize;
      maxBytes = newMaxBytes;
      policy = newPolicy;
      while (entries.size() > maxSize || bytes > maxBytes) {
        TensorKey victim = victimLocked(null);
        Entry e = entries.remove(victim);
        bytes -= e.tensor.byteSize();
      blockBytes -= e.tensor.block().size();
        evictions++;
        evicted.add(e.tensor);
      }
    }
    release(evicted, true);
  }

  public CacheStats getStats() {
    synchronized (lock) {
      return CacheStats.of(hits, misses, evictions, entries.size(), bytes);
    }
  }

  /** Bytes of the pool blocks behind the cached tensors (pool units, at least {@code bytes}). */
  long blockBytes() {
    synchronized (lock) {
      return blockBytes;
    }
  }

  /** Entries now cached. */
  public int size() {
    synchronized (lock) {
      return entries.size();
    }
  }

  public int maxSize() {
    synchronized (lock) {
      return maxSize;
    }
  }

  public EvictionPolicy evictionPolicy() {
    synchronized (lock) {
      return policy;
    }
  }

  /** Same as {@link #clear()}. */
  @Override
  public void close() {
    clear();
  }
}

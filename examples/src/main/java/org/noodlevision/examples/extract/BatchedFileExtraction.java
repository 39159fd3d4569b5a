package org.noodlevision.examples.extract;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.noodlevision.NoodleVisionException;
import org.noodlevision.audio.features.FeatureResult;
import org.noodlevision.gpu.ClipBatchComputer;
import org.noodlevision.gpu.GpuUnavailableException;

/**
 * The per-partition work of {@code extract}: decodes the partition's files (as the {@code audio} source's header scan
 * lists them) in order and computes their features in batches through a {@link ClipBatchComputer} (the GPU when the
 * backend resolves to it, else the CPU clip by clip).
 * A batch holds files of one sample rate, up to {@code maxBatchSamples} samples in all (always at least one file),
 * so memory is bounded by the batch, not by the partition. Files come out in input order; files that do not decode
 * (or whose header the scan could not read) come out as failed results at their place.
 */
final class BatchedFileExtraction implements Iterator<ExtractedFile> {
  private final Iterator<ScannedFile> files;
  private final FileFeatureExtractor extractor;
  private final ClipBatchComputer computer;
  private final long maxBatchSamples;
  private final ArrayDeque<ExtractedFile> ready = new ArrayDeque<>();
  private FileFeatureExtractor.Decoded pending;

  BatchedFileExtraction(Iterator<ScannedFile> files, FileFeatureExtractor extractor, ClipBatchComputer computer,
                        long maxBatchSamples) {
    this.files = files;
    this.extractor = extractor;
    this.computer = computer;
    this.maxBatchSamples = maxBatchSamples;
  }

  @Override
  public boolean hasNext() {
    if (ready.isEmpty()) {
      fill();
    }
    return !ready.isEmpty();
  }

  @Override
  public ExtractedFile next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  /** Decodes files until a batch is full (or a file of another sample rate comes), then computes the batch. */
  private void fill() {
    List<FileFeatureExtractor.Decoded> batch = new ArrayList<>();
    long samples = 0;
    int sampleRate = -1;
    while (pending != null || files.hasNext()) {
      FileFeatureExtractor.Decoded d = pending != null ? pending : extractor.decode(files.next());
      pending = null;
      if (d.finished() != null) {
        if (batch.isEmpty()) {
          ready.add(d.finished());
          return;
        }
        pending = d; // emitted after the batch, keeping the input order
        break;
      }
      int sr = d.audio().sampleRate();
      int n = d.audio().samples().length;
      if (!batch.isEmpty() && (sr != sampleRate || samples + n > maxBatchSamples)) {
        pending = d;
        break;
      }
      batch.add(d);
      sampleRate = sr;
      samples += n;
      if (samples >= maxBatchSamples) {
        break;
      }
    }
    if (!batch.isEmpty()) {
      compute(batch, sampleRate);
    }
  }

  private void compute(List<FileFeatureExtractor.Decoded> batch, int sampleRate) {
    List<float[]> clips = new ArrayList<>(batch.size());
    for (FileFeatureExtractor.Decoded d : batch) {
      clips.add(d.audio().samples());
    }
    List<FeatureResult> results;
    try {
      results = computer.compute(clips, sampleRate);
    } catch (GpuUnavailableException e) {
      throw e; // backend=gpu without a usable GPU: a configuration error, not a bad file
    } catch (NoodleVisionException e) {
      if (batch.size() == 1) {
        ready.add(extractor.computeFailed(batch.get(0).path(), e));
        return;
      }
      for (FileFeatureExtractor.Decoded d : batch) { // find the file at fault: one by one
        compute(List.of(d), sampleRate);
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      FileFeatureExtractor.Decoded d = batch.get(i);
      ready.add(extractor.withFeatures(d.path(), d.audio(), results.get(i)));
    }
  }
}

package org.noodlevision.audio.io;

/**
 * Decodes one FLAC subframe (constant, verbatim, fixed or LPC predictor with Rice-coded residual) into an int
 * array. All counts are validated against the block size before use.
 */
final class FlacSubframeDecoder {
  private static final int MAX_UNARY = 1 << 20;

  private FlacSubframeDecoder() {}

  static void decode(FlacBitReader bits, int[] out, int blockSize, int sampleBits, long frameOffset) {
    if (bits.readBit() != 0) {
      throw corrupt(bits, frameOffset, "subframe padding bit is set");
    }
    int type = bits.readUInt(6);
    int wasted = 0;
    if (bits.readBit() == 1) {
      wasted = bits.readUnary(sampleBits) + 1;
      if (wasted >= sampleBits) {
        throw corrupt(bits, frameOffset, wasted + " wasted bits in a " + sampleBits + "-bit subframe");
      }
    }
    int valueBits = sampleBits - wasted;
    if (type == 0) {
      int v = bits.readSInt(valueBits);
      java.util.Arrays.fill(out, 0, blockSize, v);
    } else if (type == 1) {
      for (int i = 0; i < blockSize; i++) {
        out[i] = bits.readSInt(valueBits);
      }
    } else if (type >= 8 && type <= 12) {
      int order = type - 8;
      checkOrder(bits, frameOffset, order, blockSize);
      for (int i = 0; i < order; i++) {
        out[i] = bits.readSInt(valueBits);
      }
      residual(bits, out, blockSize, order, frameOffset);
      restoreFixed(out, blockSize, order);
    } else if (type >= 32) {
      int order = type - 31;
      checkOrder(bits, frameOffset, order, blockSize);
      for (int i = 0; i < order; i++) {
        out[i] = bits.readSInt(valueBits);
      }
      int precision = bits.readUInt(4) + 1;
      if (precision == 16) {
        throw corrupt(bits, frameOffset, "invalid LPC coefficient precision code 15");
      }
      int shift = bits.readSInt(5);
      if (shift < 0) {
        throw corrupt(bits, frameOffset, "negative LPC shift " + shift);
      }
      int[] coefs = new int[order];
      for (int i = 0; i < order; i++) {
        coefs[i] = bits.readSInt(precision);
      }
      residual(bits, out, blockSize, order, frameOffset);
      restoreLpc(out, blockSize, coefs, shift);
    } else {
      throw corrupt(bits, frameOffset, "reserved subframe type " + type);
    }
    if (wasted > 0) {
      for (int i = 0; i < blockSize; i++) {
        out[i] <<= wasted;
      }
    }
  }

  private static void checkOrder(FlacBitReader bits, long frameOffset, int order, int blockSize) {
    if (order > blockSize) {
      throw corrupt(bits, frameOffset, "predictor order " + order + " exceeds the block size " + blockSize);
    }
  }

  private static void residual(FlacBitReader bits, int[] out, int blockSize, int order, long frameOffset) {
    int method = bits.readUInt(2);
    if (method > 1) {
      throw corrupt(bits, frameOffset, "reserved residual coding method " + method);
    }
    int paramBits = method == 0 ? 4 : 5;
    int escape = (1 << paramBits) - 1;
    int partitionOrder = bits.readUInt(4);
    int partitions = 1 << partitionOrder;
    if ((blockSize & (partitions - 1)) != 0 || (blockSize >> partitionOrder) < order) {
      throw corrupt(bits, frameOffset, "residual partition order " + partitionOrder + " does not fit block size "
          + blockSize + " with predictor order " + order);
    }
    int perPartition = blockSize >> partitionOrder;
    int i = order;
    for (int p = 0; p < partitions; p++) {
      int count = p == 0 ? perPartition - order : perPartition;
      int param = bits.readUInt(paramBits);
      if (param == escape) {
        int raw = bits.readUInt(5);
        for (int k = 0; k < count; k++) {
          out[i++] = bits.readSInt(raw);
        }
      } else {
        for (int k = 0; k < count; k++) {
          long q = bits.readUnary(MAX_UNARY);
          long u = (q << param) | bits.readULong(param);
          long v = (u >>> 1) ^ -(u & 1);
          if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw corrupt(bits, frameOffset, "residual value out of range");
          }
          out[i++] = (int) v;
        }
      }
    }
  }

  private static void restoreFixed(int[] x, int n, int order) {
    switch (order) {
      case 0:
        break;
      case 1:
        for (int i = 1; i < n; i++) {
          x[i] += x[i - 1];
        }
        break;
      case 2:
        for (int i = 2; i < n; i++) {
          x[i] += 2 * x[i - 1] - x[i - 2];
        }
        break;
      case 3:
        for (int i = 3; i < n; i++) {
          x[i] += 3 * x[i - 1] - 3 * x[i - 2] + x[i - 3];
        }
        break;
      default:
        for (int i = 4; i < n; i++) {
          x[i] += 4 * x[i - 1] - 6 * x[i - 2] + 4 * x[i - 3] - x[i - 4];
        }
        break;
    }
  }

  private static void restoreLpc(int[] x, int n, int[] coefs, int shift) {
    int order = coefs.length;
    for (int i = order; i < n; i++) {
      long sum = 0;
      for (int j = 0; j < order; j++) {
        sum += (long) coefs[j] * x[i - 1 - j];
      }
      x[i] += (int) (sum >> shift);
    }
  }

  private static AudioDecodeException corrupt(FlacBitReader bits, long frameOffset, String what) {
    return new AudioDecodeException(
        bits.source(), "corrupt FLAC subframe in the frame at byte offset " + frameOffset + ": " + what);
  }
}

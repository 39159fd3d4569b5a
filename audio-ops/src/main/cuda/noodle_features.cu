// NoodleVision GPU feature kernels: librosa 0.11 definitions (see docs/benchmarks-gpu.md and issue 2).
// Layout: all clips of a batch are concatenated; frame g of the batch belongs to the clip c with
// clipFrameOffset[c] <= g < clipFrameOffset[c+1]. Every output is time-major: out[g * nBins + bin].
// Compiled by build-kernels.sh into src/main/resources/org/noodlevision/gpu/kernels.fatbin.
#include <cuda_runtime.h>
#include <float.h>

extern __shared__ __align__(16) unsigned char smem[];

template <typename T> struct Cplx;
template <> struct Cplx<float> { typedef float2 type; };
template <> struct Cplx<double> { typedef double2 type; };

template <typename T2, typename T>
__device__ __forceinline__ T2 mk(T re, T im) { T2 r; r.x = re; r.y = im; return r; }

__device__ __forceinline__ int clipOfFrame(const int* clipFrameOffset, int nClips, int g) {
  int lo = 0, hi = nClips - 1;
  while (lo < hi) {  // last clip with clipFrameOffset[c] <= g
    int mid = (lo + hi + 1) >> 1;
    if (clipFrameOffset[mid] <= g) lo = mid; else hi = mid - 1;
  }
  return lo;
}

// numpy.pad(mode='reflect') index of position i of a signal of length len (len >= 2), repeated reflection.
__device__ __forceinline__ long long reflectIndex(long long i, long long len) {
  if (len == 1) return 0;
  long long period = 2 * (len - 1);
  long long m = i % period;
  if (m < 0) m += period;
  return m < len ? m : period - m;
}

__device__ __forceinline__ float warpMax(float v) {
  for (int o = 16; o > 0; o >>= 1) v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, o));
  return v;
}
__device__ __forceinline__ float warpSum(float v) {
  for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
  return v;
}

// Block-wide max of non-negative values; scratch holds 32 floats. All threads get the result.
__device__ float blockMax(float v, float* scratch) {
  v = warpMax(v);
  int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
  __syncthreads();
  if (lane == 0) scratch[warp] = v;
  __syncthreads();
  int nw = (blockDim.x + 31) >> 5;
  float r = threadIdx.x < nw ? scratch[threadIdx.x] : -FLT_MAX;
  if (warp == 0) r = warpMax(r);
  if (threadIdx.x == 0) scratch[0] = r;
  __syncthreads();
  r = scratch[0];
  __syncthreads();
  return r;
}

// Chroma of one frame from spectrum S (shared), filter bank fb [nChroma][nBins]; norm=inf per frame, zero frames
// (max below float32 tiny) are divided by 1 as librosa.util.normalize does.
__device__ void chromaFrame(const float* S, int nBins, const float* fb, int nChroma, float* out, float* scratch) {
  int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, nw = blockDim.x >> 5;
  for (int c = warp; c < nChroma; c += nw) {
    const float* row = fb + (size_t)c * nBins;
    float acc = 0.f;
    for (int k = lane; k < nBins; k += 32) acc += row[k] * S[k];
    acc = warpSum(acc);
    if (lane == 0) scratch[32 + c] = acc;  // scratch holds 32 + nChroma floats
  }
  __syncthreads();
  float m = 0.f;
  for (int c = threadIdx.x; c < nChroma; c += blockDim.x) m = fmaxf(m, fabsf(scratch[32 + c]));
  m = blockMax(m, scratch);
  float len = m < FLT_MIN ? 1.0f : m;
  for (int c = threadIdx.x; c < nChroma; c += blockDim.x) out[c] = scratch[32 + c] / len;
  __syncthreads();
}

// Windowed frame -> spectrum. Writes X (nBins complex) into buf (shared). Radix-2 Stockham complex FFT of
// M = n/2 points plus the real-input split when n/2 is a power of two; a direct DFT otherwise.
template <typename T>
__device__ void frameSpectrum(const float* __restrict__ y, long long len, long long start, int n, int center,
                              int padReflect, const T* __restrict__ window,
                              const typename Cplx<T>::type* __restrict__ tw, typename Cplx<T>::type* a,
                              typename Cplx<T>::type* b, int log2M) {
  typedef typename Cplx<T>::type T2;
  int M = n >> 1;
  auto sample = [&](int j) -> T {
    T w = window[j];
    if (w == (T)0) return (T)0;
    long long p = start + j;
    if (p < 0 || p >= len) {
      if (!padReflect || !center || len < 1) return (T)0;
      p = reflectIndex(p, len);
    }
    return w * (T)y[p];
  };
  if (log2M >= 0) {
    for (int j = threadIdx.x; j < M; j += blockDim.x) a[j] = mk<T2, T>(sample(2 * j), sample(2 * j + 1));
    __syncthreads();
    T2* in = a;
    T2* out = b;
    int half = M >> 1;
    for (int Ns = 1; Ns < M; Ns <<= 1) {
      int twStep = M / Ns;  // exp(-2 pi i k / (2 Ns)) = tw[k * N / (2 Ns)]
      for (int j = threadIdx.x; j < half; j += blockDim.x) {
        int k = j & (Ns - 1);
        T2 w = tw[k * twStep];
        T2 u = in[j];
        T2 v = in[j + half];
        T2 vw = mk<T2, T>(v.x * w.x - v.y * w.y, v.x * w.y + v.y * w.x);
        int base = ((j - k) << 1) + k;
        out[base] = mk<T2, T>(u.x + vw.x, u.y + vw.y);
        out[base + Ns] = mk<T2, T>(u.x - vw.x, u.y - vw.y);
      }
      __syncthreads();
      T2* t = in; in = out; out = t;
    }
    // in holds Z; write X[k], k = 0..M, into out.
    for (int k = threadIdx.x; k <= M; k += blockDim.x) {
      T2 zk = in[k == M ? 0 : k];
      T2 zc = in[k == 0 ? 0 : M - k];
      T er = (T)0.5 * (zk.x + zc.x), ei = (T)0.5 * (zk.y - zc.y);
      T dr = (T)0.5 * (zk.x - zc.x), di = (T)0.5 * (zk.y + zc.y);
      // O = -i * (d) where d = (Zk - conj(Zc))/2 = (dr, di)  ->  O = (di, -dr)
      T orr = di, oi = -dr;
      T2 w = tw[k];
      out[k] = mk<T2, T>(er + orr * w.x - oi * w.y, ei + orr * w.y + oi * w.x);
    }
    __syncthreads();
    if (out != b) {  // make b hold X
      for (int k = threadIdx.x; k <= M; k += blockDim.x) b[k] = out[k];
      __syncthreads();
    }
  } else {
    T* x = (T*)a;  // n real values
    for (int j = threadIdx.x; j < n; j += blockDim.x) x[j] = sample(j);
    __syncthreads();
    int nBins = n / 2 + 1;
    for (int k = threadIdx.x; k < nBins; k += blockDim.x) {
      T re = 0, im = 0;
      long long idx = 0;
      for (int j = 0; j < n; j++) {
        T2 w = tw[idx];
        re += x[j] * w.x;
        im += x[j] * w.y;
        idx += k;
        if (idx >= n) idx -= n;
      }
      b[k] = mk<T2, T>(re, im);
    }
    __syncthreads();
  }
}

// One block per frame: spectrum, then every per-frame product that needs it.
template <typename T>
__device__ void stftFeatures(
    const float* __restrict__ samples, const long long* __restrict__ clipSampleOffset,
    const long long* __restrict__ clipLength, const int* __restrict__ clipFrameOffset, int nClips,
    int n, int hop, int center, int padReflect, int log2M,
    const T* __restrict__ window, const typename Cplx<T>::type* __restrict__ tw, float powerExp,
    float* outMag, float* outPow, float* outSpec,
    const int* __restrict__ melStart, const int* __restrict__ melLen, const int* __restrict__ melWOff,
    const float* __restrict__ melW, int nMels, float* outMel, unsigned int* clipMaxMel,
    const float* __restrict__ chromaFb, int nChroma, float* outChroma,
    int peakLo, int peakHi, int peakCapPerFrame, double sr, float* peakMag, float* peakPitch, int* peakCount,
    const int* __restrict__ clipFirstFrame) {
  typedef typename Cplx<T>::type T2;
  int M = n >> 1;
  int nBins = M + 1;
  int bufLen = log2M >= 0 ? M + 1 : (n + 1) / 2 + 1;  // complex slots per buffer
  T2* a = (T2*)smem;
  T2* b = a + bufLen;
  float* S = (float*)(b + bufLen);
  float* scratch = S + nBins;  // 32 + nChroma floats

  int g = blockIdx.x;
  int c = clipOfFrame(clipFrameOffset, nClips, g);
  int t = g - clipFrameOffset[c] + (clipFirstFrame ? clipFirstFrame[c] : 0);  // chunks of a long clip
  long long len = clipLength[c];
  const float* y = samples + clipSampleOffset[c];
  long long start = (long long)t * hop - (center ? (n / 2) : 0);
  frameSpectrum<T>(y, len, start, n, center, padReflect, window, tw, a, b, log2M);

  float localMax = 0.f;
  for (int k = threadIdx.x; k < nBins; k += blockDim.x) {
    float re = (float)b[k].x, im = (float)b[k].y;  // complex64, as librosa stores the STFT
    float mag = hypotf(re, im);
    float p2 = mag * mag;
    if (outMag) outMag[(size_t)g * nBins + k] = mag;
    if (outPow) outPow[(size_t)g * nBins + k] = p2;
    float s = powerExp == 2.0f ? p2 : (powerExp == 1.0f ? mag : powf(mag, powerExp));
    S[k] = s;
    if (outSpec) outSpec[(size_t)g * nBins + k] = s;
    localMax = fmaxf(localMax, s);
  }
  __syncthreads();

  if (outMel) {
    float mmax = 0.f;
    for (int m = threadIdx.x; m < nMels; m += blockDim.x) {
      const float* w = melW + melWOff[m];
      const float* s = S + melStart[m];
      int L = melLen[m];
      float acc = 0.f;
      for (int i = 0; i < L; i++) acc += w[i] * s[i];
      outMel[(size_t)g * nMels + m] = acc;
      mmax = fmaxf(mmax, acc);
    }
    mmax = warpMax(mmax);
    if ((threadIdx.x & 31) == 0 && mmax > 0.f) atomicMax(clipMaxMel + c, __float_as_uint(mmax));
  }

  if (outChroma) chromaFrame(S, nBins, chromaFb, nChroma, outChroma + (size_t)g * nChroma, scratch);

  if (peakMag) {  // librosa.piptrack(S=S, sr, threshold=0.1, fmin=150, fmax=4000) peaks of this frame
    float frameMax = blockMax(localMax, scratch);
    float ref = 0.1f * frameMax;
    int base = clipFrameOffset[c] * peakCapPerFrame;
    for (int k = peakLo + threadIdx.x; k < peakHi; k += blockDim.x) {
      float s0 = k > 0 ? S[k - 1] : S[k];
      float s1 = S[k];
      float s2 = k + 1 < nBins ? S[k + 1] : S[k];
      float x0 = s0 > ref ? s0 : 0.f, x1 = s1 > ref ? s1 : 0.f, x2 = s2 > ref ? s2 : 0.f;
      if (!(x1 > x0 && x1 >= x2)) continue;
      float avg = 0.f, shift = 0.f;
      if (k > 0 && k + 1 < nBins) {
        avg = __fmul_rn(0.5f, __fsub_rn(s2, s0));
        float d = __fsub_rn(__fsub_rn(__fmul_rn(2.f, s1), s2), s0);
        shift = __fdiv_rn(avg, __fadd_rn(d, fabsf(d) < FLT_MIN ? 1.f : 0.f));
      }
      float dskew = __fmul_rn(__fmul_rn(0.5f, avg), shift);
      float pitch = (float)((((double)k + (double)shift) * sr) / (double)n);
      if (!(pitch > 0.f)) continue;
      int slot = atomicAdd(peakCount + c, 1);
      peakMag[base + slot] = __fadd_rn(s1, dskew);
      peakPitch[base + slot] = pitch;
    }
  }
}

#define STFT_PARAMS(T)                                                                                       \
  const float *samples, const long long *clipSampleOffset, const long long *clipLength,                       \
      const int *clipFrameOffset, int nClips, int n, int hop, int center, int padReflect, int log2M,          \
      const T *window, const Cplx<T>::type *tw, float powerExp, float *outMag, float *outPow, float *outSpec, \
      const int *melStart, const int *melLen, const int *melWOff, const float *melW, int nMels,              \
      float *outMel, unsigned int *clipMaxMel, const float *chromaFb, int nChroma, float *outChroma,         \
      int peakLo, int peakHi, int peakCapPerFrame, double sr, float *peakMag, float *peakPitch, int *peakCount, \
      const int *clipFirstFrame
#define STFT_ARGS                                                                                            \
  samples, clipSampleOffset, clipLength, clipFrameOffset, nClips, n, hop, center, padReflect, log2M, window, \
      tw, powerExp, outMag, outPow, outSpec, melStart, melLen, melWOff, melW, nMels, outMel, clipMaxMel,     \
      chromaFb, nChroma, outChroma, peakLo, peakHi, peakCapPerFrame, sr, peakMag, peakPitch, peakCount,      \
      clipFirstFrame

extern "C" __global__ void __launch_bounds__(256) nv_stft_f32(STFT_PARAMS(float)) { stftFeatures<float>(STFT_ARGS); }
extern "C" __global__ void __launch_bounds__(256) nv_stft_f64(STFT_PARAMS(double)) { stftFeatures<double>(STFT_ARGS); }

// Order-preserving map of float to unsigned.
__device__ __forceinline__ unsigned fkey(float f) {
  unsigned u = __float_as_uint(f);
  return (u & 0x80000000u) ? ~u : (u | 0x80000000u);
}
__device__ __forceinline__ float unkey(unsigned k) {
  return __uint_as_float((k & 0x80000000u) ? (k & 0x7fffffffu) : ~k);
}

// k-th smallest (0-based) of vals[0..n) by 4 passes of 8-bit radix selection. All threads get the result.
__device__ float selectKth(const float* vals, int n, int k, unsigned* hist, unsigned* shared2) {
  unsigned prefix = 0, mask = 0;
  for (int shift = 24; shift >= 0; shift -= 8) {
    for (int i = threadIdx.x; i < 256; i += blockDim.x) hist[i] = 0;
    __syncthreads();
    for (int i = threadIdx.x; i < n; i += blockDim.x) {
      unsigned key = fkey(vals[i]);
      if ((key & mask) == prefix) atomicAdd(hist + ((key >> shift) & 255u), 1u);
    }
    __syncthreads();
    if (threadIdx.x == 0) {
      unsigned cum = 0, d = 0;
      for (d = 0; d < 256; d++) {
        if (cum + hist[d] > (unsigned)k) break;
        cum += hist[d];
      }
      shared2[0] = d;
      shared2[1] = (unsigned)k - cum;
    }
    __syncthreads();
    prefix |= shared2[0] << shift;
    mask |= 255u << shift;
    k = (int)shared2[1];
    __syncthreads();
  }
  return unkey(prefix);
}

// librosa.estimate_tuning from the peaks of nv_stft: median threshold, pitch_tuning histogram (resolution 0.01).
// One block per clip; writes the index of the histogram bin (tuning = edges[index]).
extern "C" __global__ void nv_tuning(const float* peakMag, const float* peakPitch, const int* peakCount,
                                     const int* clipFrameOffset, int peakCapPerFrame, const double* edges,
                                     int nBinsHist, int binsPerOctave, int* tuningIndex) {
  __shared__ unsigned hist[256];
  __shared__ unsigned sh[2];
  __shared__ unsigned counts[1024];
  int c = blockIdx.x;
  int n = peakCount[c];
  const float* mags = peakMag + (size_t)clipFrameOffset[c] * peakCapPerFrame;
  const float* pitches = peakPitch + (size_t)clipFrameOffset[c] * peakCapPerFrame;
  float threshold = 0.f;
  if (n > 0) {
    float hi = selectKth(mags, n, n / 2, hist, sh);
    if (n % 2 == 0) {
      float lo = selectKth(mags, n, n / 2 - 1, hist, sh);
      threshold = __fdiv_rn(__fadd_rn(lo, hi), 2.0f);
    } else {
      threshold = hi;
    }
  }
  for (int i = threadIdx.x; i < nBinsHist; i += blockDim.x) counts[i] = 0;
  __syncthreads();
  const float a440over16 = 27.5f;
  for (int i = threadIdx.x; i < n; i += blockDim.x) {
    if (!(mags[i] >= threshold)) continue;
    float f = pitches[i];
    if (!(f > 0.f)) continue;
    float octs = log2f(__fdiv_rn(f, a440over16));
    float x = __fmul_rn((float)binsPerOctave, octs);
    float r = fmodf(x, 1.0f);
    if (r != 0.f && r < 0.f) r = __fadd_rn(r, 1.0f);
    if (r >= 0.5f) r = __fsub_rn(r, 1.0f);
    double rd = (double)r;
    if (rd < edges[0] || rd > edges[nBinsHist]) continue;
    int lo = 0, hi = nBinsHist - 1;  // last bin with edges[bin] <= rd
    while (lo < hi) {
      int mid = (lo + hi + 1) >> 1;
      if (edges[mid] <= rd) lo = mid; else hi = mid - 1;
    }
    atomicAdd(counts + lo, 1u);
  }
  __syncthreads();
  if (threadIdx.x == 0) {
    int best = 0;
    unsigned bestCount = 0;
    bool any = false;
    for (int i = 0; i < nBinsHist; i++) {
      if (counts[i] > 0) any = true;
      if (counts[i] > bestCount) { bestCount = counts[i]; best = i; }
    }
    tuningIndex[c] = any ? best : nBinsHist;  // nBinsHist: no pitch found, tuning 0.0 as librosa returns
  }
}

// Chroma from the stored spectrum with a per-clip filter bank (estimated tuning). One block per frame.
extern "C" __global__ void __launch_bounds__(256) nv_chroma(const float* spec, int nBins, const int* clipFrameOffset,
                                                            int nClips, const int* clipBank, const float* banks,
                                                            int nChroma, float* outChroma) {
  float* S = (float*)smem;
  float* scratch = S + nBins;
  int g = blockIdx.x;
  int c = clipOfFrame(clipFrameOffset, nClips, g);
  for (int k = threadIdx.x; k < nBins; k += blockDim.x) S[k] = spec[(size_t)g * nBins + k];
  __syncthreads();
  const float* fb = banks + (size_t)clipBank[c] * nChroma * nBins;
  chromaFrame(S, nBins, fb, nChroma, outChroma + (size_t)g * nChroma, scratch);
}

// power_to_db (ref, amin, clip-wide top_db floor) and the orthonormal DCT-II. One block per frame.
extern "C" __global__ void __launch_bounds__(256) nv_db_mfcc(const float* mel, int nMels, const int* clipFrameOffset,
                                                             int nClips, const unsigned int* clipMaxMel, float amin,
                                                             float refDb, float topDb, int useTopDb, float* outDb,
                                                             const float* dct, int nMfcc, float* outMfcc) {
  float* db = (float*)smem;
  int g = blockIdx.x;
  int c = clipOfFrame(clipFrameOffset, nClips, g);
  float maxDb = __fsub_rn(__fmul_rn(10.0f, log10f(fmaxf(amin, __uint_as_float(clipMaxMel[c])))), refDb);
  float floorDb = __fsub_rn(maxDb, topDb);
  for (int m = threadIdx.x; m < nMels; m += blockDim.x) {
    float v = __fsub_rn(__fmul_rn(10.0f, log10f(fmaxf(amin, mel[(size_t)g * nMels + m]))), refDb);
    if (useTopDb) v = fmaxf(v, floorDb);
    db[m] = v;
    if (outDb) outDb[(size_t)g * nMels + m] = v;
  }
  __syncthreads();
  if (outMfcc) {
    int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, nw = blockDim.x >> 5;
    for (int q = warp; q < nMfcc; q += nw) {
      const float* row = dct + (size_t)q * nMels;
      float acc = 0.f;
      for (int m = lane; m < nMels; m += 32) acc += row[m] * db[m];
      acc = warpSum(acc);
      if (lane == 0) outMfcc[(size_t)g * nMfcc + q] = acc;
    }
  }
}

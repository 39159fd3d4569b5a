#!/usr/bin/env python3
"""In-run baseline: a float32 NumPy pipeline with librosa 0.11's definitions (librosa itself is not installed here).

Computes spectrogram, mel, log-mel, MFCC and chroma (tuning 0; librosa's piptrack-based estimation is not
reproduced) of N seconds of a synthetic 22.05 kHz signal on one thread, the librosa way: one STFT per feature call
(stft, melspectrogram, mfcc, chroma_stft). Prints one JSON line with seconds per audio-hour.
Usage: OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 python3 numpy_baseline.py [SECONDS] [REPEAT]
"""
import json
import sys
import time

import numpy as np

SR, N_FFT, HOP, N_MELS, N_MFCC = 22050, 2048, 512, 128, 20


def hz_to_mel(f):
    f = np.asanyarray(f, dtype=np.float64)
    mels = f / (200.0 / 3)
    log_t = f >= 1000.0
    mels = np.where(log_t, 15.0 + np.log(np.maximum(f, 1e-300) / 1000.0) / (np.log(6.4) / 27.0), mels)
    return mels


def mel_to_hz(m):
    m = np.asanyarray(m, dtype=np.float64)
    f = (200.0 / 3) * m
    return np.where(m >= 15.0, 1000.0 * np.exp((np.log(6.4) / 27.0) * (m - 15.0)), f)


def mel_bank():
    fft_f = np.fft.rfftfreq(N_FFT, 1.0 / SR)
    mel_f = mel_to_hz(np.linspace(hz_to_mel(0.0), hz_to_mel(SR / 2), N_MELS + 2))
    fdiff = np.diff(mel_f)
    ramps = np.subtract.outer(mel_f, fft_f)
    w = np.maximum(0, np.minimum(-ramps[:-2] / fdiff[:-1, None], ramps[2:] / fdiff[1:, None]))
    w *= (2.0 / (mel_f[2:] - mel_f[:-2]))[:, None]
    return w.astype(np.float32)


def chroma_bank(tuning=0.0, n_chroma=12):
    freqs = np.linspace(0, SR, N_FFT, endpoint=False)[1:]
    a440 = 440.0 * 2.0 ** (tuning / n_chroma)
    frqbins = n_chroma * np.log2(freqs / (a440 / 16))
    frqbins = np.concatenate(([frqbins[0] - 1.5 * n_chroma], frqbins))
    binw = np.concatenate((np.maximum(frqbins[1:] - frqbins[:-1], 1.0), [1]))
    d = np.subtract.outer(frqbins, np.arange(0, n_chroma, dtype="d")).T
    half = np.round(n_chroma / 2)
    d = np.remainder(d + half + 10 * n_chroma, n_chroma) - half
    w = np.exp(-0.5 * (2 * d / binw[None, :]) ** 2)
    w /= np.sqrt(np.sum(w ** 2, axis=0, keepdims=True))
    w *= np.exp(-0.5 * (((frqbins / n_chroma - 5.0) / 2.0) ** 2))[None, :]
    w = np.roll(w, -3, axis=0)
    return np.ascontiguousarray(w[:, : 1 + N_FFT // 2], dtype=np.float32)


WINDOW = (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT))
MEL, CHROMA = mel_bank(), chroma_bank()
DCT = None


def stft_mag(y):
    yp = np.pad(y, N_FFT // 2)
    frames = np.lib.stride_tricks.sliding_window_view(yp, N_FFT)[::HOP]
    out = np.empty((frames.shape[0], 1 + N_FFT // 2), dtype=np.complex64)
    for s in range(0, frames.shape[0], 256):
        out[s:s + 256] = np.fft.rfft(frames[s:s + 256] * WINDOW, axis=-1)
    return np.abs(out).T


def power_to_db(s):
    x = 10.0 * np.log10(np.maximum(np.float32(1e-10), s))
    return np.maximum(x, x.max() - 80.0)


def dct_matrix():
    n = np.arange(N_MELS)
    k = np.arange(N_MFCC)[:, None]
    m = np.cos(np.pi * k * (2 * n + 1) / (2 * N_MELS)) * np.sqrt(2.0 / N_MELS)
    m[0] /= np.sqrt(2.0)
    return m.astype(np.float32)


def features(y):
    spec = stft_mag(y)
    mel = MEL @ (stft_mag(y) ** 2)
    log_mel = power_to_db(mel)
    mfcc = DCT @ power_to_db(MEL @ (stft_mag(y) ** 2))
    raw = CHROMA @ (stft_mag(y) ** 2)
    chroma = raw / np.maximum(raw.max(axis=0, keepdims=True), np.finfo(np.float32).tiny)
    return spec, mel, log_mel, mfcc, chroma


def main():
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    global DCT
    DCT = dct_matrix()
    t = np.arange(int(seconds * SR)) / SR
    y = (0.2 * np.sin(2 * np.pi * 220 * t) + 0.01 * np.random.default_rng(42).standard_normal(t.size)).astype(np.float32)
    features(y[: SR * 5])
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        features(y)
        times.append(time.perf_counter() - t0)
    med = float(np.median(times))
    print(json.dumps({"baseline": "numpy float32, one STFT per feature (librosa-like)", "audio_seconds": seconds,
                      "median_seconds": med, "seconds_per_audio_hour": med * 3600 / seconds}))


if __name__ == "__main__":
    main()

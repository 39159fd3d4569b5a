"""Regenerates loaded_sha256.txt and mix_*.npy: what librosa.load returns, computed independently with NumPy.

Run: python3 make_fixture.py /work/shared/reference/librosa-0.11.0/audio   (numpy 2.x; no librosa needed)

1. loaded_sha256.txt: for every reference WAV (PCM16), y as librosa.load(path, sr=None, mono=True) builds it:
   soundfile returns an interleaved (n, channels) float32 array of int16 / 32768; librosa transposes it to
   (channels, n) and librosa.to_mono takes np.mean(y, axis=0) in float32. The line holds the file name, the sample
   count and the SHA-256 of y's little-endian float32 bytes.
2. mix_<C>ch.npy / mix_<C>ch_in.npy: np.mean over axis 0 of the transposed (C, n) view of a random (n, C) float32
   array, for channel counts where NumPy's pairwise summation order matters (3, 8, 11, 130).
"""
import hashlib, os, sys, wave
import numpy as np

def load_like_librosa(path):
    with wave.open(path, 'rb') as w:
        assert w.getsampwidth() == 2, path
        ch, n = w.getnchannels(), w.getnframes()
        pcm = np.frombuffer(w.readframes(n), dtype='<i2').reshape(n, ch)
    y = (pcm.astype(np.float32) / np.float32(32768.0)).astype(np.float32)  # soundfile: (n, channels)
    y = y.T  # librosa: (channels, n) view
    if ch > 1:
        y = np.mean(y, axis=0)
    else:
        y = y[0]
    return np.ascontiguousarray(y, dtype='<f4')

audio_dir = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, 'loaded_sha256.txt'), 'w') as out:
    for name in sorted(os.listdir(audio_dir)):
        if name.endswith('.wav'):
            y = load_like_librosa(os.path.join(audio_dir, name))
            out.write(f"{name} {y.size} {hashlib.sha256(y.tobytes()).hexdigest()}\n")

rng = np.random.default_rng(20261124)
for c in (3, 8, 11, 130):
    x = (rng.standard_normal((64, c)) * 0.3).astype(np.float32)
    np.save(os.path.join(here, f'mix_{c}ch_in.npy'), x)
    np.save(os.path.join(here, f'mix_{c}ch.npy'), np.mean(x.T, axis=0).astype(np.float32))

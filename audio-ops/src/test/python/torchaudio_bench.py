"""torchaudio baseline for issue 6: 360 clips x 10 s at 22.05 kHz, MFCC (and MelSpectrogram) on the GPU,
results back in host memory. Median of N runs, torch.cuda.synchronize() timing. Usage: python3 torchaudio_bench.py [N]"""
import sys, time, statistics
import torch, torchaudio

n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
torch.manual_seed(0)
x = (0.1 * torch.randn(360, 220500)).float()
pinned = x.pin_memory()
mel_kw = dict(n_fft=2048, hop_length=512, n_mels=128, center=True, pad_mode="constant", norm="slaney",
              mel_scale="slaney", power=2.0)
mfcc = torchaudio.transforms.MFCC(sample_rate=22050, n_mfcc=20, melkwargs=mel_kw).cuda()
mel = torchaudio.transforms.MelSpectrogram(sample_rate=22050, **mel_kw).cuda()
print("torch", torch.__version__, "torchaudio", torchaudio.__version__, "device", torch.cuda.get_device_name(0))

def bench(name, fn):
    for _ in range(3):
        fn()
    ts = []
    for _ in range(n):
        torch.cuda.synchronize()
        t0 = time.perf_counter()
        fn()
        torch.cuda.synchronize()
        ts.append((time.perf_counter() - t0) * 1e3)
    print(f"torchaudio {name:60s} median {statistics.median(ts):8.3f} ms  min {min(ts):8.3f} ms (n={n})")

out_mfcc = torch.empty((360, 20, 431), pin_memory=True)
out_mel = torch.empty((360, 128, 431), pin_memory=True)
with torch.inference_mode():
    bench("MFCC, pinned in -> pinned out", lambda: out_mfcc.copy_(mfcc(pinned.cuda(non_blocking=True)), non_blocking=True))
    bench("MFCC, pinned in -> .cpu()", lambda: mfcc(pinned.cuda(non_blocking=True)).cpu())
    bench("MFCC, pageable in -> .cpu()", lambda: mfcc(x.cuda()).cpu())
    bench("MelSpectrogram, pinned in -> pinned out", lambda: out_mel.copy_(mel(pinned.cuda(non_blocking=True)), non_blocking=True))
    bench("MelSpectrogram, pageable in -> .cpu()", lambda: mel(x.cuda()).cpu())
    bench("MFCC on device-resident input (compute only)", (lambda d: (lambda: mfcc(d)))(pinned.cuda()))

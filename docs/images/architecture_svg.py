#!/usr/bin/env python3
"""Writes architecture.svg (docs/architecture.md's picture). Edit the boxes here and rerun: python3 architecture_svg.py"""
parts = []


def box(x, y, w, h, title, lines, fill="#ffffff"):
    s = f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="8" fill="{fill}" stroke="#333"/>'
    s += f'<text x="{x + w / 2}" y="{y + 20}" class="t">{title}</text>'
    for i, line in enumerate(lines):
        s += f'<text x="{x + w / 2}" y="{y + 40 + i * 16}" class="l">{line}</text>'
    parts.append(s)


def path(points, label="", label_at=None):
    d = " ".join(f"{x},{y}" for x, y in points)
    parts.append(f'<polyline points="{d}" fill="none" stroke="#333" stroke-width="1.6" marker-end="url(#a)"/>')
    if label:
        lx, ly = label_at
        parts.append(f'<text x="{lx}" y="{ly}" class="s">{label}</text>')


def group(x, y, w, h, title, fill):
    parts.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="12" fill="{fill}" stroke="#777" '
                 f'stroke-dasharray="5,4"/><text x="{x + 12}" y="{y + 20}" class="g">{title}</text>')


group(10, 60, 500, 330, "audio-ops (Spark-free core)", "#eef5ff")
group(530, 60, 300, 330, "spark-plugin", "#fff4e6")
group(850, 60, 250, 330, "examples + bin/noodlevision", "#eefaf0")
box(290, 0, 150, 50, "audio files", [".wav / .flac"])
box(30, 100, 200, 80, "AudioDecoders", ["WAV + FLAC, untrusted input", "float32 mono, native rate"])
box(30, 210, 200, 160, "FeaturePipeline", ["one STFT pass per clip:", "spectrogram, power,", "mel, log-mel,",
                                          "MFCC, chroma", "[frame][bin], librosa 0.11"])
box(260, 100, 230, 130, "MemoryManager", ["CPU pool (Arrow-accounted)", "GPU pool (JCuda)", "TensorCache (Caffeine)",
                                         "policies, leak reports", "SystemMemoryMonitor (OSHI)"])
box(260, 260, 230, 110, "BenchMain / operators", ["SpectrogramOperator,", "MfccOperator, ChromaOperator",
                                                  "one-thread benchmark"])
box(545, 100, 270, 110, "NoodleVisionPlugin", ["driver + executor plugins", "config registry, metrics,",
                                              "accumulators"])
box(545, 240, 270, 130, "DataFrame API", ["format(\"audio\") source", "SQL / column functions", "ML stages",
                                         "AudioFeatureComputer"])
box(865, 100, 220, 110, "CLI commands", ["render (PNG), bench (table /", "JSON), info (Java, Spark,",
                                        "CPU, GPU, config)"])
box(865, 240, 220, 130, "ExtractJob", ["extract: files -> rows", "PERMISSIVE / DROPMALFORMED", "/ FAILFAST",
                                      "FileFeatureExtractor"])
box(560, 450, 240, 50, "Spark UI, /metrics", ["accumulators, pool gauges"])
box(900, 450, 170, 50, "Parquet / JSON", ["one row per file"])
path([(290, 25), (130, 25), (130, 100)])
path([(130, 180), (130, 210)])
path([(130, 370), (130, 420), (840, 420), (840, 320), (865, 320)], "features per file, on the executors",
     (480, 414))
path([(490, 165), (545, 155)], "one per executor", (517, 148))
path([(680, 210), (680, 240)])
path([(680, 370), (680, 450)])
path([(815, 270), (865, 270)], "later", (840, 264))
path([(975, 370), (975, 450)], "write", (1000, 420))

svg = ('<svg xmlns="http://www.w3.org/2000/svg" width="1110" height="510" viewBox="0 0 1110 510" '
       'font-family="sans-serif"><defs><marker id="a" markerWidth="10" markerHeight="8" refX="9" refY="4" '
       'orient="auto"><path d="M0,0 L10,4 L0,8 z" fill="#333"/></marker><style>'
       '.t{font-size:14px;font-weight:bold;text-anchor:middle}.l{font-size:12px;text-anchor:middle}'
       '.s{font-size:11px;text-anchor:middle;fill:#444}.g{font-size:13px;font-weight:bold;fill:#555}</style></defs>'
       '<rect width="1110" height="510" fill="#fff"/>' + "".join(parts) + '</svg>\n')
with open(__file__.replace("architecture_svg.py", "architecture.svg"), "w") as f:
    f.write(svg)

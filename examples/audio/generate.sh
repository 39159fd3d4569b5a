#!/usr/bin/env bash
# Regenerates the bundled sample audio (no third-party content): sox 14.4 and espeak-ng 1.51 from Debian 12
# (`apt-get install -y sox espeak-ng`). Files are small (a few seconds each) so a fresh clone stays light.
# Layout by kind, so the folder name can serve as a label: tone/, chord/, noise/, speech/.
set -euo pipefail
cd "$(dirname "$0")"
rm -rf tone chord noise speech
mkdir -p tone chord noise speech

# Pure tones, mono 16-bit PCM at librosa's default rate.
sox -n -r 22050 -b 16 -c 1 tone/a440_sine_22050.wav synth 2.0 sine 440 vol 0.5
sox -n -r 22050 -b 16 -c 1 tone/sweep_100_8k_22050.flac synth 2.0 sine 100-8000 vol 0.5

# A C-major triad, plucked, mono FLAC; and a stereo 44.1 kHz square-wave chord (channels are averaged to mono).
sox -n -r 22050 -b 16 -c 1 chord/c_major_pluck_22050.flac synth 2.0 pluck C4 pluck E4 pluck G4 remix - vol 0.5
sox -n -r 44100 -b 16 -c 2 chord/a_minor_square_44100_stereo.wav synth 1.5 square A3 square C4 vol 0.2

# Noise: white at 16 kHz, pink at 22.05 kHz (seeded: the same bytes every run).
sox -R -n -r 16000 -b 16 -c 1 noise/white_16000.wav synth 1.5 whitenoise vol 0.3
sox -R -n -r 22050 -b 16 -c 1 noise/pink_22050.wav synth 1.5 pinknoise vol 0.3

# Speech synthesised by espeak-ng (its native 22050 Hz mono), and a 16 kHz copy.
espeak-ng -v en-us -s 150 -w speech/sentence_22050.wav "NoodleVision computes audio features with Apache Spark."
sox speech/sentence_22050.wav -r 16000 speech/sentence_16000.wav

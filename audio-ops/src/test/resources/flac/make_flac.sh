#!/bin/sh
# Regenerates the FLAC test files of this folder (Debian 12: sox 14.4.2, flac 1.4.2; `apt-get install sox flac`).
# Each FLAC is encoded from the WAV next to it; the tests check that decoding the FLAC gives bit for bit what
# decoding the WAV gives (the WAV decoder is itself checked against exact values and against librosa.load).
# sox -R makes the noise repeatable; the files committed before that flag was added came from an unseeded run, so a
# re-run gives different (equally valid) files, after which ../malformed/make_malformed.py must be re-run too.
set -eu
cd "$(dirname "$0")"
sox -R -D -n -r 22050 -b 16 -c 1 mono16_22050.wav synth 0.2 sine 440 pinknoise vol 0.6
sox -R -D -n -r 48000 -b 24 -c 2 stereo24_48000.wav synth 0.1 sine 300 whitenoise vol 0.8
sox -R -D -n -r 44100 -b 16 -c 6 six16_44100.wav synth 0.05 sine 100 sine 200 sine 300 sine 400 sine 500 whitenoise
sox -R -D -n -r 8000 -b 8 -c 1 mono8_8000.wav synth 0.1 square 200 vol 0.5
sox -R -D -n -r 16000 -b 16 -c 2 stereo16_silence_16000.wav trim 0 0.05
flac -s -f -8 -o mono16_22050.flac mono16_22050.wav
flac -s -f -5 -o stereo24_48000.flac stereo24_48000.wav
flac -s -f -0 -o six16_44100.flac six16_44100.wav
flac -s -f --no-padding -o mono8_8000.flac mono8_8000.wav
flac -s -f -8 --blocksize=576 -o stereo16_silence_16000.flac stereo16_silence_16000.wav
# Encoder corner cases: LPC order 32 with 16384-sample blocks (--lax), tiny 192-sample blocks, 8 channels at 24 bits.
flac -s -f --lax -l 32 -b 16384 -o mono16_22050_lpc32.flac mono16_22050.wav
flac -s -f -b 192 -r 0 -o stereo24_48000_block192.flac stereo24_48000.wav
sox -R -D -n -r 96000 -b 24 -c 8 eight24_96000.wav synth 0.02 sine 100 sine 200 sine 300 sine 400 sine 500 sine 600 pinknoise whitenoise vol 0.7
flac -s -f -8 -o eight24_96000.flac eight24_96000.wav

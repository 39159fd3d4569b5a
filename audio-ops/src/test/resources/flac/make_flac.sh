#!/bin/sh
# Regenerates the FLAC test files of this folder (Debian 12: sox 14.4.2, flac 1.4.2; `apt-get install sox flac`).
# Each FLAC is encoded from the WAV next to it; the tests check that decoding the FLAC gives bit for bit what
# decoding the WAV gives (the WAV decoder is itself checked against exact values and against librosa.load).
set -eu
cd "$(dirname "$0")"
sox -D -n -r 22050 -b 16 -c 1 mono16_22050.wav synth 0.2 sine 440 pinknoise vol 0.6
sox -D -n -r 48000 -b 24 -c 2 stereo24_48000.wav synth 0.1 sine 300 whitenoise vol 0.8
sox -D -n -r 44100 -b 16 -c 6 six16_44100.wav synth 0.05 sine 100 sine 200 sine 300 sine 400 sine 500 whitenoise
sox -D -n -r 8000 -b 8 -c 1 mono8_8000.wav synth 0.1 square 200 vol 0.5
sox -D -n -r 16000 -b 16 -c 2 stereo16_silence_16000.wav trim 0 0.05
flac -s -f -8 -o mono16_22050.flac mono16_22050.wav
flac -s -f -5 -o stereo24_48000.flac stereo24_48000.wav
flac -s -f -0 -o six16_44100.flac six16_44100.wav
flac -s -f --no-padding -o mono8_8000.flac mono8_8000.wav
flac -s -f -8 --blocksize=576 -o stereo16_silence_16000.flac stereo16_silence_16000.wav

package org.noodlevision.audio.io;

/**
 * The validated contents of a WAV {@code fmt } chunk and where its sample data lies.
 *
 * @param encoding how each interleaved sample is stored
 * @param channels channel count (1 or more)
 * @param sampleRate samples per second per channel (1 to {@link WavHeaderReader#MAX_SAMPLE_RATE})
 * @param dataBytes bytes of sample data to read, or -1 to read to the end of the file (a {@code data} chunk size of
 *     0xFFFFFFFF, or 0 with an unpatched RIFF size, as streaming writers leave it)
 */
record WavFormat(SampleEncoding encoding, int channels, int sampleRate, long dataBytes) {
  int blockAlign() {
    return encoding.bytes * channels;
  }
}

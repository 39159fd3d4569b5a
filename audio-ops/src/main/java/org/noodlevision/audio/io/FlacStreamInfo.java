package org.noodlevision.audio.io;

/**
 * The validated FLAC STREAMINFO block.
 *
 * @param maxBlockSize largest block (samples per channel in a frame), 16..65535
 * @param sampleRate Hz, 1..{@link WavHeaderReader#MAX_SAMPLE_RATE}
 * @param channels 1..8
 * @param bitsPerSample 4..24
 * @param totalSamples samples per channel, or 0 when unknown
 */
record FlacStreamInfo(int maxBlockSize, int sampleRate, int channels, int bitsPerSample, long totalSamples) {}

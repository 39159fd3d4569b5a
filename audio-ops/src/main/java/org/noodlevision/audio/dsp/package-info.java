/**
 * The DSP building blocks of the feature engine, each re-deriving one librosa 0.11 definition: real FFT
 * ({@link org.noodlevision.audio.dsp.RealFft}), framing with centre padding
 * ({@link org.noodlevision.audio.dsp.StftFramer}), the periodic Hann window, the mel and chroma filter banks, the
 * orthonormal DCT-II and tuning estimation. Users compute features through
 * {@link org.noodlevision.audio.features.FeaturePipeline}; these classes are public so the GPU backend and parity
 * harnesses can build the same tables (e.g. upload the mel bank), and are an engine-internal API that may change.
 */
package org.noodlevision.audio.dsp;

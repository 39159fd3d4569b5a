package org.noodlevision.examples.extract;

/**
 * One file as the {@code audio} source's header-only scan gives it to {@code extract}: its path (a URI), the number
 * of samples its header declares, or the reason its header could not be read.
 *
 * @param path the file, as the source lists it ({@code file:/...} for a local file)
 * @param declaredNumSamples samples per channel the header declares, -1 when it declares none (or on error)
 * @param error null when the header was read; otherwise why not (the source has counted the file as failed)
 */
public record ScannedFile(String path, long declaredNumSamples, String error) {}

/** The one-thread timing entry point behind {@code bin/noodlevision bench}: {@link org.noodlevision.audio.bench.BenchMain}. */
package org.noodlevision.audio.bench;

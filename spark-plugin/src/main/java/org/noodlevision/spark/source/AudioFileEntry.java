package org.noodlevision.spark.source;

import java.io.Serializable;

/** One listed input file: its path and size in bytes. */
record AudioFileEntry(String path, long length) implements Serializable {}

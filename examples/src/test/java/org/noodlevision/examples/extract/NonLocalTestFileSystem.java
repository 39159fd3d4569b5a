package org.noodlevision.examples.extract;

import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * A real Hadoop file system of scheme {@code nvtest:} over the local disk: paths of this scheme are not
 * {@code file:}, so reading them takes the code paths of HDFS or S3 (Hadoop's {@code FileSystem} streams), with no
 * server to start. Register it with {@code fs.nvtest.impl} ({@link #conf()}, or {@code spark.hadoop.fs.nvtest.impl}).
 */
public class NonLocalTestFileSystem extends RawLocalFileSystem {
  static final String SCHEME = "nvtest";
  static final String IMPL_KEY = "fs." + SCHEME + ".impl";

  @Override
  public URI getUri() {
    return URI.create(SCHEME + ":///");
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  /** A configuration that maps {@code nvtest:} to this class. */
  static Configuration conf() {
    Configuration conf = new Configuration();
    conf.set(IMPL_KEY, NonLocalTestFileSystem.class.getName());
    return conf;
  }

  /** {@code nvtest:} plus the absolute local path. */
  static String uri(java.nio.file.Path local) {
    return SCHEME + ":" + local.toAbsolutePath().normalize();
  }
}

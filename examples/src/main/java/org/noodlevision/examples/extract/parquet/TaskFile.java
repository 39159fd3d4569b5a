package org.noodlevision.examples.extract.parquet;

import java.io.Serializable;

/**
 * What a successful task attempt wrote: its file under the job's {@code _temporary} folder.
 *
 * @param partition the task's partition, which numbers the committed {@code part-NNNNN} file
 * @param path the attempt's file
 * @param rows rows in it
 */
public record TaskFile(int partition, String path, long rows) implements Serializable {}

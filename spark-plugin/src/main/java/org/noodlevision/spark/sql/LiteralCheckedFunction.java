package org.noodlevision.spark.sql;

/**
 * A function whose parameter arguments can be validated before any task runs when they are literals: by
 * {@link NoodleVisionSqlExtensions}' check rule when the query is analysed (SQL), or when the column is built
 * (column functions).
 */
interface LiteralCheckedFunction {
  /**
   * Validates the literal arguments: {@code literals[i]} is argument {@code i}'s Catalyst value when it is a
   * literal (constant), null otherwise (arguments 0 and 1, the samples and the sample rate, are never given).
   *
   * @throws FunctionParameterException naming the function, the parameter, the value and what is allowed
   */
  void checkLiterals(Object[] literals);
}

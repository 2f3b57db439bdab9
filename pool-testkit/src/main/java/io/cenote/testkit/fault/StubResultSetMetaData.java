package io.cenote.testkit.fault;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;

/** Describes the one column of a {@link StubResultSet}: a non-null int4 named {@code ?column?}. */
final class StubResultSetMetaData implements ResultSetMetaData {

  static final StubResultSetMetaData INSTANCE = new StubResultSetMetaData();

  private static final String COLUMN_NAME = "?column?";

  private StubResultSetMetaData() {}

  private static void checkColumn(int column) throws SQLException {
    if (column != 1) {
      throw new SQLException("column index " + column + " is out of range 1..1",
          FaultSqlStates.INVALID_COLUMN);
    }
  }

  @Override
  public int getColumnCount() throws SQLException {
    return 1;
  }

  @Override
  public boolean isAutoIncrement(int column) throws SQLException {
    checkColumn(column);
    return false;
  }

  @Override
  public boolean isCaseSensitive(int column) throws SQLException {
    checkColumn(column);
    return false;
  }

  @Override
  public boolean isSearchable(int column) throws SQLException {
    checkColumn(column);
    return true;
  }

  @Override
  public boolean isCurrency(int column) throws SQLException {
    checkColumn(column);
    return false;
  }

  @Override
  public int isNullable(int column) throws SQLException {
    checkColumn(column);
    return columnNoNulls;
  }

  @Override
  public boolean isSigned(int column) throws SQLException {
    checkColumn(column);
    return true;
  }

  @Override
  public int getColumnDisplaySize(int column) throws SQLException {
    checkColumn(column);
    return 11;
  }

  @Override
  public String getColumnLabel(int column) throws SQLException {
    checkColumn(column);
    return COLUMN_NAME;
  }

  @Override
  public String getColumnName(int column) throws SQLException {
    checkColumn(column);
    return COLUMN_NAME;
  }

  @Override
  public String getSchemaName(int column) throws SQLException {
    checkColumn(column);
    return "";
  }

  @Override
  public int getPrecision(int column) throws SQLException {
    checkColumn(column);
    return 10;
  }

  @Override
  public int getScale(int column) throws SQLException {
    checkColumn(column);
    return 0;
  }

  @Override
  public String getTableName(int column) throws SQLException {
    checkColumn(column);
    return "";
  }

  @Override
  public String getCatalogName(int column) throws SQLException {
    checkColumn(column);
    return "";
  }

  @Override
  public int getColumnType(int column) throws SQLException {
    checkColumn(column);
    return Types.INTEGER;
  }

  @Override
  public String getColumnTypeName(int column) throws SQLException {
    checkColumn(column);
    return "int4";
  }

  @Override
  public boolean isReadOnly(int column) throws SQLException {
    checkColumn(column);
    return true;
  }

  @Override
  public boolean isWritable(int column) throws SQLException {
    checkColumn(column);
    return false;
  }

  @Override
  public boolean isDefinitelyWritable(int column) throws SQLException {
    checkColumn(column);
    return false;
  }

  @Override
  public String getColumnClassName(int column) throws SQLException {
    checkColumn(column);
    return "java.lang.Integer";
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}

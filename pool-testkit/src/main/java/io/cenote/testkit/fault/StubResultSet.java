package io.cenote.testkit.fault;

import java.math.BigDecimal;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * The answer to every stub query: zero or one row with one column holding the integer 1, readable
 * as any number type, text, boolean or object. Any column label resolves to that column, so
 * {@code SELECT 1 AS ok} can be read with {@code getInt("ok")}. Forward-only and read-only.
 */
final class StubResultSet extends AbstractStubResultSet {

  private static final Integer VALUE = 1;

  private final StubStatement statement;
  private final int rows;
  private int position;
  private boolean closed;
  private int fetchSize;

  StubResultSet(StubStatement statement, int rows) {
    this.statement = statement;
    this.rows = rows;
  }

  void closeQuietly() {
    closed = true;
  }

  private void checkOpen() throws SQLException {
    if (isClosed()) {
      throw Errors.resultSetClosed();
    }
  }

  /** The value of column {@code column} of the current row. */
  private Integer value(int column) throws SQLException {
    checkOpen();
    if (column != 1) {
      throw new SQLException("column index " + column + " is out of range 1..1",
          FaultSqlStates.INVALID_COLUMN);
    }
    if (position != 1 || rows == 0) {
      throw new SQLException("the result set is not positioned on a row",
          FaultSqlStates.INVALID_CURSOR_STATE);
    }
    return VALUE;
  }

  // ---------------------------------------------------------------- cursor

  @Override
  public boolean next() throws SQLException {
    checkOpen();
    if (position <= rows) {
      position++;
    }
    return position <= rows;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      statement.resultSetClosed(this);
    }
  }

  @Override
  public boolean isClosed() {
    return closed || statement.isClosed();
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    checkOpen();
    return rows > 0 && position == 0;
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    checkOpen();
    return rows > 0 && position > rows;
  }

  @Override
  public boolean isFirst() throws SQLException {
    checkOpen();
    return rows > 0 && position == 1;
  }

  @Override
  public boolean isLast() throws SQLException {
    checkOpen();
    return rows > 0 && position == rows;
  }

  @Override
  public int getRow() throws SQLException {
    checkOpen();
    return position <= rows ? position : 0;
  }

  // ---------------------------------------------------------------- values

  @Override
  public boolean wasNull() throws SQLException {
    checkOpen();
    return false;
  }

  @Override
  public int findColumn(String columnLabel) throws SQLException {
    checkOpen();
    return 1;
  }

  @Override
  public String getString(int columnIndex) throws SQLException {
    return value(columnIndex).toString();
  }

  @Override
  public String getString(String columnLabel) throws SQLException {
    return getString(findColumn(columnLabel));
  }

  @Override
  public boolean getBoolean(int columnIndex) throws SQLException {
    return value(columnIndex) != 0;
  }

  @Override
  public boolean getBoolean(String columnLabel) throws SQLException {
    return getBoolean(findColumn(columnLabel));
  }

  @Override
  public byte getByte(int columnIndex) throws SQLException {
    return value(columnIndex).byteValue();
  }

  @Override
  public byte getByte(String columnLabel) throws SQLException {
    return getByte(findColumn(columnLabel));
  }

  @Override
  public short getShort(int columnIndex) throws SQLException {
    return value(columnIndex).shortValue();
  }

  @Override
  public short getShort(String columnLabel) throws SQLException {
    return getShort(findColumn(columnLabel));
  }

  @Override
  public int getInt(int columnIndex) throws SQLException {
    return value(columnIndex);
  }

  @Override
  public int getInt(String columnLabel) throws SQLException {
    return getInt(findColumn(columnLabel));
  }

  @Override
  public long getLong(int columnIndex) throws SQLException {
    return value(columnIndex).longValue();
  }

  @Override
  public long getLong(String columnLabel) throws SQLException {
    return getLong(findColumn(columnLabel));
  }

  @Override
  public float getFloat(int columnIndex) throws SQLException {
    return value(columnIndex).floatValue();
  }

  @Override
  public float getFloat(String columnLabel) throws SQLException {
    return getFloat(findColumn(columnLabel));
  }

  @Override
  public double getDouble(int columnIndex) throws SQLException {
    return value(columnIndex).doubleValue();
  }

  @Override
  public double getDouble(String columnLabel) throws SQLException {
    return getDouble(findColumn(columnLabel));
  }

  @Override
  public BigDecimal getBigDecimal(int columnIndex) throws SQLException {
    return BigDecimal.valueOf(value(columnIndex));
  }

  @Override
  public BigDecimal getBigDecimal(String columnLabel) throws SQLException {
    return getBigDecimal(findColumn(columnLabel));
  }

  @Override
  public Object getObject(int columnIndex) throws SQLException {
    return value(columnIndex);
  }

  @Override
  public Object getObject(String columnLabel) throws SQLException {
    return getObject(findColumn(columnLabel));
  }

  @Override
  public <T> T getObject(int columnIndex, Class<T> type) throws SQLException {
    Integer value = value(columnIndex);
    Object converted;
    if (type == Integer.class || type == Object.class || type == Number.class) {
      converted = value;
    } else if (type == Long.class) {
      converted = value.longValue();
    } else if (type == Short.class) {
      converted = value.shortValue();
    } else if (type == Byte.class) {
      converted = value.byteValue();
    } else if (type == Double.class) {
      converted = value.doubleValue();
    } else if (type == Float.class) {
      converted = value.floatValue();
    } else if (type == BigDecimal.class) {
      converted = BigDecimal.valueOf(value);
    } else if (type == String.class) {
      converted = value.toString();
    } else if (type == Boolean.class) {
      converted = Boolean.TRUE;
    } else {
      throw Errors.unsupported("ResultSet.getObject as " + type.getName());
    }
    return type.cast(converted);
  }

  @Override
  public <T> T getObject(String columnLabel, Class<T> type) throws SQLException {
    return getObject(findColumn(columnLabel), type);
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    return StubResultSetMetaData.INSTANCE;
  }

  // ---------------------------------------------------------------- properties

  @Override
  public Statement getStatement() throws SQLException {
    checkOpen();
    return statement;
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    checkOpen();
    if (direction != FETCH_FORWARD) {
      throw Errors.unsupported("a fetch direction other than FETCH_FORWARD");
    }
  }

  @Override
  public int getFetchDirection() throws SQLException {
    checkOpen();
    return FETCH_FORWARD;
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    checkOpen();
    if (rows < 0) {
      throw Errors.invalidArgument("fetch size", rows);
    }
    fetchSize = rows;
  }

  @Override
  public int getFetchSize() throws SQLException {
    checkOpen();
    return fetchSize;
  }

  @Override
  public int getType() throws SQLException {
    checkOpen();
    return TYPE_FORWARD_ONLY;
  }

  @Override
  public int getConcurrency() throws SQLException {
    checkOpen();
    return CONCUR_READ_ONLY;
  }

  @Override
  public int getHoldability() throws SQLException {
    checkOpen();
    return statement.getResultSetHoldability();
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

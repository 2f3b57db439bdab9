package io.cenote.testkit.fault;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * A prepared statement of a {@link StubConnection}: parameters are checked for a valid index and
 * then ignored, executions behave as in {@link StubStatement}.
 */
class StubPreparedStatement extends StubStatement implements PreparedStatement {

  StubPreparedStatement(StubConnection connection, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) {
    super(connection, resultSetType, resultSetConcurrency, resultSetHoldability, true);
  }

  /** Checks that the statement is open and the index names a parameter. */
  final void checkParameter(int parameterIndex) throws SQLException {
    checkOpen();
    if (parameterIndex < 1) {
      throw Errors.invalidArgument("parameter index", parameterIndex);
    }
  }

  @Override
  public ResultSet executeQuery() throws SQLException {
    return query();
  }

  @Override
  public int executeUpdate() throws SQLException {
    return (int) update();
  }

  @Override
  public void setNull(int parameterIndex, int sqlType) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setBoolean(int parameterIndex, boolean x) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setByte(int parameterIndex, byte x) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setShort(int parameterIndex, short x) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setInt(int parameterIndex, int x) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setLong(int parameterIndex, long x) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setFloat(int parameterIndex, float x) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setDouble(int parameterIndex, double x) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setBigDecimal(int parameterIndex, BigDecimal x) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setString(int parameterIndex, String x) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setBytes(int parameterIndex, byte[] x) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setDate(int parameterIndex, Date x) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setTime(int parameterIndex, Time x) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, int length) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Deprecated
  @Override
  public void setUnicodeStream(int parameterIndex, InputStream x, int length) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, int length) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void clearParameters() throws SQLException {
    checkOpen();
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setObject(int parameterIndex, Object x) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public boolean execute() throws SQLException {
    query();
    return true;
  }

  @Override
  public void addBatch() throws SQLException {
    addToBatch();
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, int length)
      throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setRef(int parameterIndex, Ref x) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setBlob(int parameterIndex, Blob x) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setClob(int parameterIndex, Clob x) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setArray(int parameterIndex, Array x) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    return StubResultSetMetaData.INSTANCE;
  }

  @Override
  public void setDate(int parameterIndex, Date x, Calendar cal) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setTime(int parameterIndex, Time x, Calendar cal) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setTimestamp(int parameterIndex, Timestamp x, Calendar cal) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setNull(int parameterIndex, int sqlType, String typeName) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setURL(int parameterIndex, URL x) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    throw Errors.unsupported("getParameterMetaData");
  }

  @Override
  public void setRowId(int parameterIndex, RowId x) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setNString(int parameterIndex, String value) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value, long length)
      throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setNClob(int parameterIndex, NClob value) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setClob(int parameterIndex, Reader reader, long length) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream, long length)
      throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader, long length) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setSQLXML(int parameterIndex, SQLXML xmlObject) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setObject(int parameterIndex, Object x, int targetSqlType, int scaleOrLength)
      throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x, long length) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x, long length) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader, long length)
      throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setAsciiStream(int parameterIndex, InputStream x) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setBinaryStream(int parameterIndex, InputStream x) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setCharacterStream(int parameterIndex, Reader reader) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setNCharacterStream(int parameterIndex, Reader value) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setClob(int parameterIndex, Reader reader) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setBlob(int parameterIndex, InputStream inputStream) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setNClob(int parameterIndex, Reader reader) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType, int scaleOrLength)
      throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void setObject(int parameterIndex, Object x, SQLType targetSqlType) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    return update();
  }
}

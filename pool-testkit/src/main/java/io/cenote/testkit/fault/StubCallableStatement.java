package io.cenote.testkit.fault;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * A callable statement of a {@link StubConnection}. Executions behave as in {@link StubStatement};
 * parameters and out-parameter registrations are accepted and ignored, and since the stub runs no
 * procedures, reading an out parameter is not supported.
 */
final class StubCallableStatement extends StubPreparedStatement implements CallableStatement {

  StubCallableStatement(StubConnection connection, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) {
    super(connection, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public void registerOutParameter(int parameterIndex, int sqlType) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void registerOutParameter(int parameterIndex, int sqlType, int scale) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public boolean wasNull() throws SQLException {
    checkOpen();
    return false;
  }

  @Override
  public String getString(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getString");
  }

  @Override
  public boolean getBoolean(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getBoolean");
  }

  @Override
  public byte getByte(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getByte");
  }

  @Override
  public short getShort(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getShort");
  }

  @Override
  public int getInt(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getInt");
  }

  @Override
  public long getLong(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getLong");
  }

  @Override
  public float getFloat(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getFloat");
  }

  @Override
  public double getDouble(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getDouble");
  }

  @Deprecated
  @Override
  public BigDecimal getBigDecimal(int parameterIndex, int scale) throws SQLException {
    throw Errors.unsupported("CallableStatement.getBigDecimal");
  }

  @Override
  public byte[] getBytes(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getBytes");
  }

  @Override
  public Date getDate(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getDate");
  }

  @Override
  public Time getTime(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getTime");
  }

  @Override
  public Timestamp getTimestamp(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getTimestamp");
  }

  @Override
  public Object getObject(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getObject");
  }

  @Override
  public BigDecimal getBigDecimal(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getBigDecimal");
  }

  @Override
  public Object getObject(int parameterIndex, Map<String, Class<?>> map) throws SQLException {
    throw Errors.unsupported("CallableStatement.getObject");
  }

  @Override
  public Ref getRef(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getRef");
  }

  @Override
  public Blob getBlob(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getBlob");
  }

  @Override
  public Clob getClob(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getClob");
  }

  @Override
  public Array getArray(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getArray");
  }

  @Override
  public Date getDate(int parameterIndex, Calendar cal) throws SQLException {
    throw Errors.unsupported("CallableStatement.getDate");
  }

  @Override
  public Time getTime(int parameterIndex, Calendar cal) throws SQLException {
    throw Errors.unsupported("CallableStatement.getTime");
  }

  @Override
  public Timestamp getTimestamp(int parameterIndex, Calendar cal) throws SQLException {
    throw Errors.unsupported("CallableStatement.getTimestamp");
  }

  @Override
  public void registerOutParameter(int parameterIndex, int sqlType, String typeName)
      throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void registerOutParameter(String parameterName, int sqlType) throws SQLException {
    checkOpen();
  }

  @Override
  public void registerOutParameter(String parameterName, int sqlType, int scale)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void registerOutParameter(String parameterName, int sqlType, String typeName)
      throws SQLException {
    checkOpen();
  }

  @Override
  public URL getURL(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getURL");
  }

  @Override
  public void setURL(String parameterName, URL val) throws SQLException {
    checkOpen();
  }

  @Override
  public void setNull(String parameterName, int sqlType) throws SQLException {
    checkOpen();
  }

  @Override
  public void setBoolean(String parameterName, boolean x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setByte(String parameterName, byte x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setShort(String parameterName, short x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setInt(String parameterName, int x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setLong(String parameterName, long x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setFloat(String parameterName, float x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setDouble(String parameterName, double x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setBigDecimal(String parameterName, BigDecimal x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setString(String parameterName, String x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setBytes(String parameterName, byte[] x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setDate(String parameterName, Date x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setTime(String parameterName, Time x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setTimestamp(String parameterName, Timestamp x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setAsciiStream(String parameterName, InputStream x, int length) throws SQLException {
    checkOpen();
  }

  @Override
  public void setBinaryStream(String parameterName, InputStream x, int length) throws SQLException {
    checkOpen();
  }

  @Override
  public void setObject(String parameterName, Object x, int targetSqlType, int scale)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void setObject(String parameterName, Object x, int targetSqlType) throws SQLException {
    checkOpen();
  }

  @Override
  public void setObject(String parameterName, Object x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setCharacterStream(String parameterName, Reader reader, int length)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void setDate(String parameterName, Date x, Calendar cal) throws SQLException {
    checkOpen();
  }

  @Override
  public void setTime(String parameterName, Time x, Calendar cal) throws SQLException {
    checkOpen();
  }

  @Override
  public void setTimestamp(String parameterName, Timestamp x, Calendar cal) throws SQLException {
    checkOpen();
  }

  @Override
  public void setNull(String parameterName, int sqlType, String typeName) throws SQLException {
    checkOpen();
  }

  @Override
  public String getString(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getString");
  }

  @Override
  public boolean getBoolean(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getBoolean");
  }

  @Override
  public byte getByte(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getByte");
  }

  @Override
  public short getShort(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getShort");
  }

  @Override
  public int getInt(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getInt");
  }

  @Override
  public long getLong(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getLong");
  }

  @Override
  public float getFloat(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getFloat");
  }

  @Override
  public double getDouble(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getDouble");
  }

  @Override
  public byte[] getBytes(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getBytes");
  }

  @Override
  public Date getDate(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getDate");
  }

  @Override
  public Time getTime(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getTime");
  }

  @Override
  public Timestamp getTimestamp(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getTimestamp");
  }

  @Override
  public Object getObject(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getObject");
  }

  @Override
  public BigDecimal getBigDecimal(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getBigDecimal");
  }

  @Override
  public Object getObject(String parameterName, Map<String, Class<?>> map) throws SQLException {
    throw Errors.unsupported("CallableStatement.getObject");
  }

  @Override
  public Ref getRef(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getRef");
  }

  @Override
  public Blob getBlob(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getBlob");
  }

  @Override
  public Clob getClob(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getClob");
  }

  @Override
  public Array getArray(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getArray");
  }

  @Override
  public Date getDate(String parameterName, Calendar cal) throws SQLException {
    throw Errors.unsupported("CallableStatement.getDate");
  }

  @Override
  public Time getTime(String parameterName, Calendar cal) throws SQLException {
    throw Errors.unsupported("CallableStatement.getTime");
  }

  @Override
  public Timestamp getTimestamp(String parameterName, Calendar cal) throws SQLException {
    throw Errors.unsupported("CallableStatement.getTimestamp");
  }

  @Override
  public URL getURL(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getURL");
  }

  @Override
  public RowId getRowId(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getRowId");
  }

  @Override
  public RowId getRowId(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getRowId");
  }

  @Override
  public void setRowId(String parameterName, RowId x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setNString(String parameterName, String value) throws SQLException {
    checkOpen();
  }

  @Override
  public void setNCharacterStream(String parameterName, Reader value, long length)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void setNClob(String parameterName, NClob value) throws SQLException {
    checkOpen();
  }

  @Override
  public void setClob(String parameterName, Reader reader, long length) throws SQLException {
    checkOpen();
  }

  @Override
  public void setBlob(String parameterName, InputStream inputStream, long length)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void setNClob(String parameterName, Reader reader, long length) throws SQLException {
    checkOpen();
  }

  @Override
  public NClob getNClob(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getNClob");
  }

  @Override
  public NClob getNClob(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getNClob");
  }

  @Override
  public void setSQLXML(String parameterName, SQLXML xmlObject) throws SQLException {
    checkOpen();
  }

  @Override
  public SQLXML getSQLXML(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getSQLXML");
  }

  @Override
  public SQLXML getSQLXML(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getSQLXML");
  }

  @Override
  public String getNString(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getNString");
  }

  @Override
  public String getNString(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getNString");
  }

  @Override
  public Reader getNCharacterStream(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getNCharacterStream");
  }

  @Override
  public Reader getNCharacterStream(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getNCharacterStream");
  }

  @Override
  public Reader getCharacterStream(int parameterIndex) throws SQLException {
    throw Errors.unsupported("CallableStatement.getCharacterStream");
  }

  @Override
  public Reader getCharacterStream(String parameterName) throws SQLException {
    throw Errors.unsupported("CallableStatement.getCharacterStream");
  }

  @Override
  public void setBlob(String parameterName, Blob x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setClob(String parameterName, Clob x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setAsciiStream(String parameterName, InputStream x, long length) throws SQLException {
    checkOpen();
  }

  @Override
  public void setBinaryStream(String parameterName, InputStream x, long length)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void setCharacterStream(String parameterName, Reader reader, long length)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void setAsciiStream(String parameterName, InputStream x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setBinaryStream(String parameterName, InputStream x) throws SQLException {
    checkOpen();
  }

  @Override
  public void setCharacterStream(String parameterName, Reader reader) throws SQLException {
    checkOpen();
  }

  @Override
  public void setNCharacterStream(String parameterName, Reader value) throws SQLException {
    checkOpen();
  }

  @Override
  public void setClob(String parameterName, Reader reader) throws SQLException {
    checkOpen();
  }

  @Override
  public void setBlob(String parameterName, InputStream inputStream) throws SQLException {
    checkOpen();
  }

  @Override
  public void setNClob(String parameterName, Reader reader) throws SQLException {
    checkOpen();
  }

  @Override
  public <T> T getObject(int parameterIndex, Class<T> type) throws SQLException {
    throw Errors.unsupported("CallableStatement.getObject");
  }

  @Override
  public <T> T getObject(String parameterName, Class<T> type) throws SQLException {
    throw Errors.unsupported("CallableStatement.getObject");
  }

  @Override
  public void setObject(String parameterName, Object x, SQLType targetSqlType, int scaleOrLength)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void setObject(String parameterName, Object x, SQLType targetSqlType) throws SQLException {
    checkOpen();
  }

  @Override
  public void registerOutParameter(int parameterIndex, SQLType sqlType) throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void registerOutParameter(int parameterIndex, SQLType sqlType, int scale)
      throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void registerOutParameter(int parameterIndex, SQLType sqlType, String typeName)
      throws SQLException {
    checkParameter(parameterIndex);
  }

  @Override
  public void registerOutParameter(String parameterName, SQLType sqlType) throws SQLException {
    checkOpen();
  }

  @Override
  public void registerOutParameter(String parameterName, SQLType sqlType, int scale)
      throws SQLException {
    checkOpen();
  }

  @Override
  public void registerOutParameter(String parameterName, SQLType sqlType, String typeName)
      throws SQLException {
    checkOpen();
  }
}

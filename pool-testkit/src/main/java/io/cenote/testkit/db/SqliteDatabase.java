package io.cenote.testkit.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A temporary SQLite database file, {@code jdbc:sqlite:/tmp/cenote-....db}, deleted (with its
 * journal, WAL and shared-memory files) by {@link #close()}. The extension closes it after the
 * test; see {@link TempSqliteDatabase}.
 */
public final class SqliteDatabase implements JdbcEndpoint, AutoCloseable {

  private static final String[] COMPANION_SUFFIXES = {"", "-journal", "-wal", "-shm"};

  private final Path file;

  private SqliteDatabase(Path file) {
    this.file = file;
  }

  /**
   * Creates an empty database file in the system temporary directory.
   *
   * @return the database; the caller closes it to delete the file
   */
  public static SqliteDatabase createTemporary() {
    try {
      // SQLite treats an empty file as an empty database.
      return new SqliteDatabase(Files.createTempFile("cenote-", ".db").toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary SQLite file", e);
    }
  }

  /**
   * Returns the database file.
   *
   * @return the absolute path
   */
  public Path file() {
    return file;
  }

  /** Returns {@code jdbc:sqlite:} followed by the absolute file path. */
  @Override
  public String jdbcUrl() {
    return "jdbc:sqlite:" + file;
  }

  /** Returns empty properties: SQLite has no credentials. */
  @Override
  public Properties properties() {
    return new Properties();
  }

  /** Deletes the database file and its companions; connections should be closed first. */
  @Override
  public void close() {
    for (String suffix : COMPANION_SUFFIXES) {
      try {
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + file + suffix, e);
      }
    }
  }

  @Override
  public String toString() {
    return "SQLite " + jdbcUrl();
  }
}

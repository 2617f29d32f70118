package kinmap.neo4jlocal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

/**
 * Runs a Neo4j Community DBMS embedded in this JVM with Bolt on 127.0.0.1.
 *
 * <p>Usage: {@code Launcher --home DIR [--port N] [--pagecache MIB]} (page cache default 64 MiB,
 * enough for the tests' small databases; an authority of tens of thousands of children wants
 * hundreds); the password comes from the environment
 * variable {@code NEO4J_PASSWORD} (default {@value #DEFAULT_PASSWORD}). Prints exactly one line
 * {@code NEO4J READY bolt://127.0.0.1:PORT} on stdout when ready, then runs until killed.
 */
public final class Launcher {
  static final String DEFAULT_PASSWORD = "kinmap-dev-password";
  static final String HOST = "127.0.0.1";

  private Launcher() {}

  public static void main(String[] args) {
    String home = null;
    int port = 7687;
    int pagecache = 64;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--home" -> home = value(args, ++i, "--home");
          case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
          case "--pagecache" -> pagecache = Integer.parseInt(value(args, ++i, "--pagecache"));
          default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
        }
      }
      if (home == null || home.isBlank()) {
        throw new IllegalArgumentException("--home DIR is required");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("--port must be in 1..65535");
      }
      if (pagecache < 8 || pagecache > 1 << 20) {
        throw new IllegalArgumentException("--pagecache must be in 8..1048576 (MiB)");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("neo4jlocal: " + e.getMessage());
      System.err.println("usage: Launcher --home DIR [--port N] [--pagecache MIB]  (env NEO4J_PASSWORD)");
      System.exit(2);
      return;
    }
    String password = System.getenv().getOrDefault("NEO4J_PASSWORD", "");
    if (password.isEmpty()) {
      password = DEFAULT_PASSWORD;
    }
    if (password.length() < 8) {
      System.err.println("neo4jlocal: NEO4J_PASSWORD must have at least 8 characters");
      System.exit(2);
      return;
    }

    DatabaseManagementService dbms = null;
    try {
      Path homeDir = Path.of(home).toAbsolutePath().normalize();
      Files.createDirectories(homeDir);
      dbms = new DatabaseManagementServiceBuilder(homeDir)
          .setConfig(BoltConnector.enabled, true)
          .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
          .setConfig(GraphDatabaseSettings.auth_enabled, true)
          .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(pagecache))
          .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 files")
          .setConfig(GraphDatabaseSettings.logical_log_rotation_threshold, ByteUnit.mebiBytes(16))
          .setConfig(GraphDatabaseSettings.udc_enabled, false)
          // Bolt otherwise idles 2 x 5 s after the databases have stopped.
          .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofSeconds(1))
          .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofSeconds(1))
          .build();
      final DatabaseManagementService shut = dbms;
      Runtime.getRuntime().addShutdownHook(new Thread(shut::shutdown, "neo4jlocal-shutdown"));
      setPassword(dbms, password);
    } catch (Exception e) {
      System.err.println("neo4jlocal: start failed: " + e);
      if (dbms != null) {
        try {
          dbms.shutdown();
        } catch (Exception ignored) {
          // already failing
        }
      }
      System.exit(1);
      return;
    }

    System.out.println("NEO4J READY bolt://" + HOST + ":" + port);
    System.out.flush();
    try {
      new CountDownLatch(1).await(); // the shutdown hook stops the DBMS on SIGTERM/SIGINT
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String value(String[] args, int i, String flag) {
    if (i >= args.length) {
      throw new IllegalArgumentException(flag + " needs a value");
    }
    return args[i];
  }

  /** Sets the neo4j user's password; a password that is already set is not an error. */
  private static void setPassword(DatabaseManagementService dbms, String password) {
    try {
      dbms.database("system")
          .executeTransactionally(
              "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (String.valueOf(t.getMessage()).contains("cannot be the same")) {
          System.err.println("neo4jlocal: password unchanged");
          return;
        }
      }
      throw e;
    }
  }
}

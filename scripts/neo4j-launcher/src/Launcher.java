// A local Neo4j 5 Community for development and tests: the embedded DBMS with
// its Bolt connector on 127.0.0.1, started by scripts/neo4j. Usage:
//   java -cp 'lib/*:classes' Launcher <home> <port> [<pidfile>]
// Environment: NEO4J_PAGECACHE (default 256m), NEO4J_TX_TIMEOUT (default 0 = none).
// Prints "READY <version> bolt://127.0.0.1:<port>" once Bolt accepts
// connections, and shuts the DBMS down cleanly on SIGTERM.
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

public final class Launcher {
  private Launcher() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: Launcher <home> <port> [<pidfile>]");
      System.exit(2);
    }
    // Our own pid, so the start script never mistakes a wrapper's pid for the server's.
    if (args.length == 3) Files.writeString(Path.of(args[2]), ProcessHandle.current().pid() + "\n");
    Path home = Path.of(args[0]).toAbsolutePath();
    String port = args[1];
    Map<String, String> config = new LinkedHashMap<>();
    // 1. Bolt only, loopback only, no TLS (local use).
    config.put("server.bolt.enabled", "true");
    config.put("server.bolt.listen_address", "127.0.0.1:" + port);
    config.put("server.bolt.advertised_address", "127.0.0.1:" + port);
    config.put("server.bolt.tls_level", "DISABLED");
    // 2. Loopback-only development server: no authentication.
    config.put("dbms.security.auth_enabled", "false");
    // 3. Nothing reaches outside: no file URLs for LOAD CSV, every network blocked
    //    for LOAD CSV, no plugins (APOC is not on the classpath) and only built-in procedures.
    config.put("dbms.security.allow_csv_import_from_file_urls", "false");
    config.put("internal.dbms.cypher_ip_blocklist", "0.0.0.0/0,::/0");
    config.put("dbms.security.procedures.allowlist", "db.*,dbms.*,tx.*");
    // 4. Memory: small defaults for a two-core laptop; override for benches.
    config.put("server.memory.pagecache.size", envOr("NEO4J_PAGECACHE", "256m"));
    config.put("db.transaction.timeout", envOr("NEO4J_TX_TIMEOUT", "0s"));
    config.put("dbms.usage_report.enabled", "false");

    // The builder takes settings as a properties file; write ours beside the data.
    Path conf = home.resolve("unionties-neo4j.conf");
    Files.createDirectories(home);
    StringBuilder text = new StringBuilder();
    config.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    Files.writeString(conf, text.toString());
    DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home).loadPropertiesFromFile(conf).build();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      System.out.println("STOPPING");
      dbms.shutdown();
      System.out.println("STOPPED");
    }));
    GraphDatabaseService db = dbms.database("neo4j");
    String version = db.executeTransactionally(
        "CALL dbms.components() YIELD versions, edition RETURN versions[0] + ' ' + edition AS v",
        Map.of(), r -> r.next().get("v").toString());
    System.out.println("READY Neo4j " + version + " bolt://127.0.0.1:" + port);
    System.out.flush();
    Thread.currentThread().join();
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isEmpty() ? fallback : value;
  }
}

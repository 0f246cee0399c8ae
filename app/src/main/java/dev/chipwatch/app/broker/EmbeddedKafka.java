package dev.chipwatch.app.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) inside this JVM, bound to
 * loopback. Its log directory is formatted only the first time, so a restart keeps every topic and
 * offset.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafka.class);

  private final Path logDir;
  private final int port;
  private final int controllerPort;
  private KafkaRaftServer server;

  public EmbeddedKafka(Path logDir, int port, int controllerPort) {
    this.logDir = logDir.toAbsolutePath();
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /** A broker on free ports, for tests. */
  public static EmbeddedKafka onFreePorts(Path logDir) {
    return new EmbeddedKafka(logDir, freePort(), freePort());
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public synchronized void start() {
    if (server != null) {
      return;
    }
    requireFree(port, "broker");
    requireFree(controllerPort, "controller");
    // Kafka's tools and fatal paths call System.exit; inside our process that must become an exception.
    Exit.setExitProcedure((code, message) -> {
      throw new IllegalStateException("embedded Kafka asked to exit(" + code + "): " + message);
    });
    Exit.setHaltProcedure((code, message) -> {
      throw new IllegalStateException("embedded Kafka asked to halt(" + code + "): " + message);
    });
    Properties props = properties();
    formatOnce(props);
    long started = System.nanoTime();
    server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    server.startup();
    LOG.info("embedded Kafka started at {} in {} ms, data in {}", bootstrapServers(),
        (System.nanoTime() - started) / 1_000_000, logDir);
  }

  Properties properties() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    p.put("num.partitions", "1");
    p.put("default.replication.factor", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "3");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "3");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "false");
    p.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
    return p;
  }

  private void formatOnce(Properties props) {
    if (Files.exists(logDir.resolve("meta.properties"))) {
      return;
    }
    try {
      Files.createDirectories(logDir);
      Path config = Files.createTempFile("chipwatch-kafka", ".properties");
      try (var out = Files.newOutputStream(config)) {
        props.store(out, "embedded Kafka");
      }
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      int rc = StorageTool.execute(new String[] {
          "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString(), "--ignore-formatted"},
          new PrintStream(log, true, StandardCharsets.UTF_8));
      Files.deleteIfExists(config);
      if (rc != 0) {
        throw new IllegalStateException("formatting " + logDir + " failed: " + log.toString(StandardCharsets.UTF_8).strip());
      }
      LOG.info("formatted new Kafka log directory {}", logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare Kafka data directory " + logDir, e);
    }
  }

  @Override
  public synchronized void close() {
    if (server == null) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    server = null;
    LOG.info("embedded Kafka stopped");
  }

  private static void requireFree(int port, String role) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress("127.0.0.1", port));
    } catch (IOException e) {
      throw new IllegalStateException("port " + port + " for the embedded Kafka " + role
          + " is in use; set kafka.embedded." + (role.equals("broker") ? "port" : "controllerPort")
          + " or point kafka.bootstrapServers at a running cluster", e);
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package dev.chipwatch.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.chipwatch.app.config.ChipwatchConfig;
import dev.chipwatch.app.config.ConfigLoader;
import dev.chipwatch.app.runtime.ChipwatchProcess;
import dev.chipwatch.app.runtime.Role;
import dev.chipwatch.schemas.Topics.Topic;
import dev.chipwatch.schemas.avro.EventType;
import dev.chipwatch.schemas.avro.ExportStatusChange;
import dev.chipwatch.schemas.avro.ExportStatusValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * End-to-end latency from an export-status change record being produced to a local webhook
 * receiver answering 2xx for its alert, at a steady rate, on an embedded broker with the alerts
 * service running as in production (exactly-once topology, notification log, per-receiver group).
 */
public final class DeliveryLatency {
  /** Latencies of the alerts received after the warm-up, in milliseconds. */
  public record Result(int sent, int measured, int received, double p50, double p99, double max) {}

  private static final Instant BASE = Instant.parse("2025-01-01T00:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<Instant, Long> sentAt = new ConcurrentHashMap<>();
  private final Map<Instant, Long> receivedAt = new ConcurrentHashMap<>();

  public Result run(double perSecond, Duration length, Duration warmUp, int groupWindowMillis) throws Exception {
    Path dir = Files.createTempDirectory("chipwatch-bench");
    HttpServer hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    hook.createContext("/", exchange -> {
      JsonNode event = JSON.readTree(exchange.getRequestBody().readAllBytes());
      exchange.sendResponseHeaders(200, -1);
      long now = System.nanoTime();
      receivedAt.putIfAbsent(Instant.parse(event.get("data").get("occurredAt").asText()), now);
      exchange.close();
    });
    hook.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
    hook.start();
    try (ChipwatchProcess process = ChipwatchProcess.open(config(dir, hook.getAddress().getPort(), groupWindowMillis),
        "chipwatch-bench")) {
      process.start(EnumSet.of(Role.ALERTS));
      long ready = System.nanoTime() + Duration.ofSeconds(90).toNanos();
      while (!process.group().allRunning()) {
        if (System.nanoTime() > ready) {
          throw new IllegalStateException("the alerts service did not start within 90 s");
        }
        Thread.sleep(100);
      }
      int total = (int) Math.round(perSecond * length.toMillis() / 1000.0);
      int skip = (int) Math.round(perSecond * warmUp.toMillis() / 1000.0);
      long interval = Math.round(1e9 / perSecond);
      try (var producer = new KafkaProducer<>(process.kafka().producer("chipwatch-bench", null), new StringSerializer(),
          new ByteArraySerializer())) {
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
          LockSupport.parkNanos(start + i * interval - System.nanoTime());
          ExportStatusChange change = change(i);
          sentAt.put(change.getAt(), System.nanoTime());
          producer.send(process.topics().record(Topic.EXPORT_STATUS_CHANGES, "nvidia-h20|CN", change));
        }
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (receivedAt.size() < total && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      List<Double> millis = new ArrayList<>();
      for (int i = skip; i < total; i++) {
        Instant at = change(i).getAt();
        Long received = receivedAt.get(at);
        if (received != null) {
          millis.add((received - sentAt.get(at)) / 1e6);
        }
      }
      millis.sort(Comparator.naturalOrder());
      return new Result(total, total - skip, receivedAt.size(), percentile(millis, 0.50), percentile(millis, 0.99),
          millis.isEmpty() ? Double.NaN : millis.get(millis.size() - 1));
    } finally {
      hook.stop(0);
      delete(dir);
    }
  }

  private static ChipwatchConfig config(Path dir, int hookPort, int groupWindowMillis) throws IOException {
    Path file = dir.resolve("bench.yaml");
    Files.writeString(file, """
        dataDir: %s
        kafka:
          embedded: {port: 0, controllerPort: 0}
        metrics:
          enabled: false
        alerts:
          defaultRules: false
          rulesFile: %s
          receivers:
            bench-hook: {type: webhook, url: "http://127.0.0.1:%d/hook", signingKey: bench, groupWindowMillis: %d}
        """.formatted(dir.resolve("data"), dir.resolve("rules.yaml"), hookPort, groupWindowMillis));
    Files.writeString(dir.resolve("rules.yaml"), """
        - {id: bench-h20, kind: export_status, items: [nvidia-h20], receivers: [bench-hook]}
        """);
    return new ConfigLoader().load(file, Map.of(), Map.of());
  }

  /** Change i: a distinct time, so each raises its own alert, and the key the receiver reports back. */
  private static ExportStatusChange change(int i) {
    boolean ban = i % 2 == 0;
    return ExportStatusChange.newBuilder().setItem("nvidia-h20").setDestination("CN")
        .setFrom(ban ? ExportStatusValue.ALLOWED : ExportStatusValue.BANNED)
        .setTo(ban ? ExportStatusValue.BANNED : ExportStatusValue.ALLOWED)
        .setAt(BASE.plusSeconds(i)).setEventType(ban ? EventType.EXPORT_BAN : EventType.EXPORT_ALLOWED)
        .setEvidence("Bench change " + i + ".").setFirstSeenAt(Instant.now()).build();
  }

  private static double percentile(List<Double> sorted, double q) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static void delete(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
